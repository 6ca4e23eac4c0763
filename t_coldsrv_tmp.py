import os, subprocess, sys, time, urllib.request
from tests.browser_support import chromium, free_port
port = free_port()
env = {**os.environ, "COMMUNITY_DB": "/tmp/large_s3.duckdb", "COMMUNITY_COOKIE_KEY": "k" * 48}
t0 = time.perf_counter()
cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true"]
if len(sys.argv) > 1:
    cmd = [".venv/bin/py-spy", "record", "-r", "100", "--format", "raw", "-o", "/tmp/coldsrv.raw", "--"] + cmd
p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
while True:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1); break
    except OSError:
        time.sleep(0.05)
print("health", round(time.perf_counter() - t0, 2))
with chromium() as b:
    page = b.new_page()
    t1 = time.perf_counter()
    page.goto(f"http://127.0.0.1:{port}/")
    print("goto done", round(time.perf_counter() - t0, 2))
    page.locator('[data-testid="stApp"]').wait_for(timeout=60000)
    print("stApp", round(time.perf_counter() - t0, 2))
    page.get_by_role("textbox", name="Username").wait_for(timeout=60000)
    print("username box", round(time.perf_counter() - t0, 2))
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60000)
    print("idle", round(time.perf_counter() - t0, 2))
import signal; p.send_signal(signal.SIGINT); p.wait()
