"""Time the Python reference's binning and significance on the C# benchmark's data shape.

One channel with 1,000,000 background and 100,000 signal events: values like classifier
scores (signal u**0.3, background u**3, rounded to float32), weights uniform in [0.5, 1.5)
with about 5% negated. The random generator differs from the C# one, so the samples are
alike in shape, not identical. Prints the median of the timed runs per setting.

Usage: /usr/bin/python3 bench/reference/domain_reference.py [PATH_TO_DIRECTORY_WITH_hnlsig.py] [--runs N]
"""

import argparse
import statistics
import sys
import time

import numpy as np

BACKGROUND_COUNT = 1_000_000
SIGNAL_COUNT = 100_000


def score_like_sample(rng, count, exponent):
    values = (rng.random(count) ** exponent).astype(np.float32).astype(np.float64)
    weights = 0.5 + rng.random(count)
    weights[rng.random(count) < 0.05] *= -1
    return values, weights


def measure(hnlsig, name, runs, xs, ws, xb, wb, binning, max_rel_unc):
    timings = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = hnlsig.channel_result(xs, ws, xb, wb, binning, max_rel_unc, "s-over-sqrt-b", 30)
        timings.append((time.perf_counter() - start) * 1e3)
    print(f"{name}: median {statistics.median(timings):.1f} ms "
          f"(min {min(timings):.1f}, max {max(timings):.1f}, {runs} runs); "
          f"{len(result['signal'])} bins, Z = {result['significance']:.4f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference_dir", nargs="?", default="/work/shared/reference",
                        help="directory that contains hnlsig.py")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per setting")
    args = parser.parse_args()

    sys.path.insert(0, args.reference_dir)
    import hnlsig

    rng = np.random.default_rng(12345)
    xs, ws = score_like_sample(rng, SIGNAL_COUNT, 0.3)
    xb, wb = score_like_sample(rng, BACKGROUND_COUNT, 3.0)
    print(f"Reference benchmark: {BACKGROUND_COUNT:,} background, {SIGNAL_COUNT:,} signal events, "
          f"NumPy {np.__version__}, {args.runs} timed runs after one warm-up.")
    hnlsig.channel_result(xs, ws, xb, wb, "right-to-left", 0.3, "s-over-sqrt-b", 30)
    measure(hnlsig, "right-to-left X=0.3, s-over-sqrt-b", args.runs, xs, ws, xb, wb, "right-to-left", 0.3)
    measure(hnlsig, "equal-signal X=0.3, N0=30, s-over-sqrt-b", args.runs, xs, ws, xb, wb, "equal-signal", 0.3)
    measure(hnlsig, "equal-signal X=0.02, N0=30, s-over-sqrt-b", args.runs, xs, ws, xb, wb, "equal-signal", 0.02)


if __name__ == "__main__":
    main()
