#!/usr/bin/env python3
"""The three calls an application makes, with `requests`, against a running sidecar.

Uses the demo's profiles: start `npm run demo`, then
    python3 examples/python/sidecar_example.py --sidecar http://127.0.0.1:5000 --token "$(npm run -s demo:token)"
Exits 0 only when every step answered as expected.
"""
import argparse
import sys

import requests


class SidecarProblem(Exception):
    """An answer other than 2xx, with the sidecar's problem details."""

    def __init__(self, status, problem):
        super().__init__(f"{status} {problem.get('detail') or problem.get('title') or ''}".strip())
        self.status = status
        self.problem = problem


class Sidecar:
    def __init__(self, base_url, timeout=10):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.http = requests.Session()

    def validate(self, token):
        return self._call("GET", "/Validate", token)

    def authorization_header(self, api_name, token=None, **overrides):
        route = "/AuthorizationHeader" if token else "/AuthorizationHeaderUnauthenticated"
        return self._call("GET", f"{route}/{api_name}", token, overrides)

    def downstream_api(self, api_name, token=None, body=None, content_type=None, **overrides):
        route = "/DownstreamApi" if token else "/DownstreamApiUnauthenticated"
        headers = {"Content-Type": content_type} if content_type else {}
        return self._call("POST", f"{route}/{api_name}", token, overrides, body, headers)

    def _call(self, method, path, token, overrides=None, body=None, headers=None):
        headers = dict(headers or {})
        if token:
            headers["Authorization"] = f"Bearer {token}"
        # optionsOverride.Scopes=a&optionsOverride.Scopes=b: pass a list for a repeated parameter.
        params = {f"optionsOverride.{name}": value for name, value in (overrides or {}).items()}
        response = self.http.request(
            method, self.base_url + path, headers=headers, params=params, data=body, timeout=self.timeout
        )
        if response.ok:
            return response.json()
        try:
            problem = response.json()
        except ValueError:
            problem = {"status": response.status_code, "title": response.reason}
        raise SidecarProblem(response.status_code, problem)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sidecar", default="http://127.0.0.1:5000")
    parser.add_argument("--token", required=True, help="a user token for the sidecar's API")
    args = parser.parse_args()
    sidecar = Sidecar(args.sidecar)
    failed = False

    def check(label, ok, shown):
        nonlocal failed
        print(f"{'✓' if ok else '✗'} {label}: {shown}")
        failed = failed or not ok

    validated = sidecar.validate(args.token)
    check("validate", validated["protocol"] == "Bearer", f"user {validated['claims'].get('oid')}")

    header = sidecar.authorization_header("DemoApi", token=args.token)
    check("authorization header", header["authorizationHeader"].startswith("Bearer "), "Bearer …")

    weather = sidecar.downstream_api("DemoApi", token=args.token)
    check("downstream API", weather["statusCode"] == 200, f"{weather['statusCode']} {weather['headers'].get('Content-Type')}")

    try:
        sidecar.authorization_header("NoSuchApi")
        check("problem details", False, "no error")
    except SidecarProblem as problem:
        check("problem details", problem.status == 400, str(problem))

    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
