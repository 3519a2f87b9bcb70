#!/usr/bin/env bash
# Lighthouse (mobile, simulated throttling) on the village head's home and report pages, as issue 14
# asks. Optional: needs Node.js/npm (installs lighthouse into var/lighthouse once) and Chromium.
# Usage: a server running the demo (e.g. `make run PORT=8150`), then
#   scripts/lighthouse.sh http://localhost:8150 thon1
set -euo pipefail
base=${1:-http://localhost:8000}
user=${2:-thon1}
dir=var/lighthouse
[ -x "$dir/node_modules/.bin/lighthouse" ] || npm install --silent --prefix "$dir" lighthouse@12
cookie_and_pages=$(python3 - "$base" "$user" <<'PY'
import http.cookiejar, re, sys, urllib.parse, urllib.request
base, user = sys.argv[1], sys.argv[2]
jar = http.cookiejar.CookieJar()
op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', op.open(base + "/login/").read().decode())[1]
op.addheaders = [("Referer", base + "/login/")]
form = {"csrfmiddlewaretoken": token, "username": user, "password": "ytich-demo"}
home = op.open(base + "/login/", urllib.parse.urlencode(form).encode()).read().decode()
reports = sorted(set(re.findall(r'href="(/reporting/periods/\d+/areas/\d+/)"', home)))
print("; ".join(f"{c.name}={c.value}" for c in jar))
print(" ".join(["/", *reports[:1]]))
PY
)
cookie=$(echo "$cookie_and_pages" | sed -n 1p)
for page in $(echo "$cookie_and_pages" | sed -n 2p); do
  CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium} "$dir/node_modules/.bin/lighthouse" "$base$page" \
    --only-categories=performance --form-factor=mobile --throttling-method=simulate \
    --extra-headers="{\"Cookie\": \"$cookie\"}" --chrome-flags="--headless=new --no-sandbox" \
    --output=json --output-path="$dir/report.json" --quiet
  python3 -c "
import json, sys
d = json.load(open('$dir/report.json')); a = d['audits']
print('$page', 'performance', round(100 * d['categories']['performance']['score']),
      'FCP', a['first-contentful-paint']['displayValue'], 'LCP', a['largest-contentful-paint']['displayValue'],
      'TBT', a['total-blocking-time']['displayValue'], '|', a['total-byte-weight']['displayValue'])"
done
