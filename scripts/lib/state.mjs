// `.tmp/demo.json`: the running demo's URLs, so `npm run demo:token` finds the emulator.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { STATE_FILE, TMP_DIR } from './demo-config.mjs';

export function writeState(state) {
  mkdirSync(TMP_DIR, { recursive: true });
  writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`);
}

/** The state of a demo that is still running, or undefined (no file, unreadable, or its process is gone). */
export function readState() {
  let state;
  try {
    state = JSON.parse(readFileSync(STATE_FILE, 'utf8'));
  } catch {
    return undefined;
  }
  return isAlive(state.pid) ? state : undefined;
}

export function removeState() {
  rmSync(STATE_FILE, { force: true });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}
