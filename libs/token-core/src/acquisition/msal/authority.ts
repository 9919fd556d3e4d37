// Microsoft clouds' login hosts: these use msal's normal instance discovery. Any other host (the emulator, a
// private authority) is declared a known authority so msal never asks login.microsoftonline.com about it.
const MICROSOFT_LOGIN_HOSTS = [
  'login.microsoftonline.com',
  'login.microsoft.com',
  'login.windows.net',
  'sts.windows.net',
  'login.microsoftonline.us',
  'login.partner.microsoftonline.cn',
  'login.chinacloudapi.cn',
];

/** Whether `instance` is a Microsoft cloud's login host. */
export function isMicrosoftCloud(instance: string): boolean {
  return MICROSOFT_LOGIN_HOSTS.includes(new URL(instance).hostname.toLowerCase());
}

/** msal `auth` fields that locate the authority of `tenant` under `instance` (ends with `/`). */
export function authorityOptions(
  instance: string,
  tenant: string,
): { authority: string; knownAuthorities?: string[] } {
  const authority = `${instance}${tenant}`;
  return isMicrosoftCloud(instance)
    ? { authority }
    : { authority, knownAuthorities: [new URL(instance).host] };
}
