#!/usr/bin/python3
"""Writes the drift statistics' reference values, computed with scipy.

Run with Debian's python3-scipy (1.10.1), from plugins/mlops-common:

    /usr/bin/python3 scripts/drift-vectors/generate.py

The output, src/drift/__vectors__/scipy-vectors.json, records the scipy and
numpy versions; the TypeScript tests compare against it. Seeded, so a rerun
with the same versions writes the same file. The repository formats JSON
with prettier, so format it after writing (from the repository's root):

    yarn prettier --write plugins/mlops-common/src/drift/__vectors__/scipy-vectors.json
"""

import json
import platform
import sys
from pathlib import Path

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

SEED = 20261127
OUT = Path(__file__).resolve().parents[2] / 'src' / 'drift' / '__vectors__' / 'scipy-vectors.json'
rng = np.random.default_rng(SEED)


def sample(kind, n, loc=0.0, scale=1.0, decimals=3):
    """A sample rounded to a few decimals, so that JSON holds it exactly and compactly."""
    if kind == 'normal':
        x = rng.normal(loc, scale, n)
    elif kind == 'exponential':
        x = loc + rng.exponential(scale, n)
    elif kind == 'uniform':
        x = rng.uniform(loc, loc + scale, n)
    elif kind == 'integers':  # many ties
        x = rng.integers(int(loc), int(loc + scale) + 1, n).astype(float)
    else:
        raise ValueError(kind)
    return [float(v) for v in np.round(x, decimals)]


def ks_case(name, reference, current):
    r = stats.ks_2samp(reference, current)  # two-sided, method='auto'
    exact = max(len(reference), len(current)) <= 10000
    return {
        'name': name,
        'reference': reference,
        'current': current,
        'statistic': float(r.statistic),
        'pValue': float(r.pvalue),
        'method': 'exact' if exact else 'asymptotic',
    }


ks = []
# Exact p-values: small samples, equal and different sizes, ties, identical samples.
ks.append(ks_case('identical small samples', [1.0, 2.0, 3.0, 4.0, 5.0], [1.0, 2.0, 3.0, 4.0, 5.0]))
ks.append(ks_case('single values', [0.0], [1.0]))
ks.append(ks_case('one vs many', [0.5], sample('normal', 7)))
ks.append(ks_case('disjoint samples', sample('uniform', 8, 0, 1), sample('uniform', 9, 2, 1)))
for n1, n2 in [(5, 5), (10, 10), (20, 20), (50, 50), (100, 100), (300, 300)]:
    ks.append(ks_case(f'normal vs normal n={n1}', sample('normal', n1), sample('normal', n2)))
    ks.append(ks_case(f'shift 0.5 n={n1}', sample('normal', n1), sample('normal', n2, 0.5)))
for n1, n2 in [(3, 7), (10, 15), (13, 29), (40, 25), (100, 37), (120, 180), (250, 400), (333, 200)]:
    ks.append(ks_case(f'normal vs normal {n1}/{n2}', sample('normal', n1), sample('normal', n2)))
    ks.append(ks_case(f'scale 2 {n1}/{n2}', sample('normal', n1), sample('normal', n2, 0, 2)))
    ks.append(ks_case(f'ties (integers 0..5) {n1}/{n2}', sample('integers', n1, 0, 5), sample('integers', n2, 0, 5)))
    ks.append(ks_case(f'ties shifted {n1}/{n2}', sample('integers', n1, 0, 5), sample('integers', n2, 1, 5)))
ks.append(ks_case('exponential vs normal 200/150', sample('exponential', 200), sample('normal', 150, 1)))
same = sample('normal', 250)
ks.append(ks_case('identical samples n=250', same, list(same)))
ks.append(ks_case('exact, larger 3000/2000', sample('normal', 3000, 0, 1, 2), sample('normal', 2000, 0.05, 1, 2)))
ks.append(ks_case('exact, at the limit 10000/9000', sample('normal', 10000, 0, 1, 2), sample('normal', 9000, 0.02, 1, 2)))
ks.append(ks_case('exact, equal at the limit 10000/10000', sample('normal', 10000, 0, 1, 2), sample('normal', 10000, 0.03, 1, 2)))
# Asymptotic p-values: the larger sample has more than 10,000 values.
ks.append(ks_case('asymptotic, no shift 12000/11000', sample('normal', 12000, 0, 1, 2), sample('normal', 11000, 0, 1, 2)))
ks.append(ks_case('asymptotic, shift 0.05 12000/11000', sample('normal', 12000, 0, 1, 2), sample('normal', 11000, 0.05, 1, 2)))
ks.append(ks_case('asymptotic, en rounds half to even 10001/10001', sample('normal', 10001, 0, 1, 2), sample('normal', 10001, 0.01, 1, 2)))
ks.append(ks_case('asymptotic, small current 15000/100', sample('normal', 15000, 0, 1, 2), sample('normal', 100, 0.3, 1, 2)))
ks.append(ks_case('asymptotic, small current 15000/60', sample('normal', 15000, 0, 1, 2), sample('normal', 60, 0, 1, 2)))
ks.append(ks_case('asymptotic, ties 20000/500', sample('integers', 20000, 0, 30), sample('integers', 500, 1, 30)))
ks.append(ks_case('asymptotic, strong shift 11000/11000', sample('normal', 11000, 0, 1, 2), sample('normal', 11000, 1, 1, 2)))

# The distribution behind the asymptotic p-value, on a grid that reaches every
# method scipy chooses between (Ruben–Gambino, Durbin matrix, Pomeranz,
# Pelz–Good, Smirnov's sum).
kolmogorov = []
for n in [1, 2, 3, 5, 10, 25, 60, 100, 140, 141, 200, 500, 1000, 5000, 20000, 100000, 100001, 500000]:
    xs = set()
    for nx2 in [0.05, 0.3, 0.7, 1.0, 2.0, 3.0, 5.0, 10.0, 30.0, 100.0, 300.0]:
        xs.add(float(np.sqrt(nx2 / n)))
    for t in [0.4, 0.7, 0.95, 1.5]:
        xs.add(t / n)
    for x in [0.3, 0.5, 0.7, 0.99]:
        xs.add(x)
    for x in sorted(xs):
        if 0 < x < 1:
            kolmogorov.append({'n': n, 'x': x, 'sf': float(stats.kstwo.sf(x, n))})

wasserstein = []
for name, a, b in [
    ('single values', [0.0], [1.0]),
    ('identical', [1.0, 2.0, 3.0], [1.0, 2.0, 3.0]),
    ('normal vs shifted normal 100/80', sample('normal', 100), sample('normal', 80, 1)),
    ('normal vs normal 1000/1000', sample('normal', 1000), sample('normal', 1000)),
    ('exponential vs uniform 500/300', sample('exponential', 500), sample('uniform', 300)),
    ('ties 200/300', sample('integers', 200, 0, 10), sample('integers', 300, 2, 10)),
    ('negative and large values 50/70', sample('normal', 50, -1e4, 1e3), sample('normal', 70, 1e4, 1e3)),
    ('normal 20000/15000', sample('normal', 20000, 0, 1, 4), sample('normal', 15000, 0.1, 1.1, 4)),
]:
    wasserstein.append({'name': name, 'reference': a, 'current': b, 'distance': float(stats.wasserstein_distance(a, b))})

count_pairs = [
    ('identical counts', [10, 20, 30], [10, 20, 30]),
    ('proportional counts', [1, 2, 3], [10, 20, 30]),
    ('probabilities', [0.2, 0.3, 0.5], [0.25, 0.25, 0.5]),
    ('shifted counts', [50, 30, 15, 5], [20, 30, 30, 20]),
    ('empty in current', [10, 10, 10, 10], [15, 15, 10, 0]),
    ('empty in reference', [10, 10, 10, 0], [9, 9, 9, 3]),
    ('empty in both', [5, 0, 5, 10], [6, 0, 4, 10]),
    ('disjoint', [1, 1, 0, 0], [0, 0, 1, 1]),
    ('tiny proportions', [1000000, 50, 0, 1], [999000, 80, 3, 0]),
    ('many bins', [int(v) for v in rng.integers(0, 100, 40)], [int(v) for v in rng.integers(0, 100, 40)]),
    ('large counts', [int(v) for v in rng.integers(100000, 1000000, 12)], [int(v) for v in rng.integers(100000, 1000000, 12)]),
]

jensen_shannon = []
for name, p, q in count_pairs:
    for base in [2, float(np.e)]:
        jensen_shannon.append({'name': name, 'p': p, 'q': q, 'base': base,
                               'distance': float(distance.jensenshannon(p, q, base=base))})


def chi_square(reference, current):
    """scipy.stats.chisquare, bins empty in both left out, a bin empty only in the reference infinite."""
    r = np.asarray(reference, dtype=float)
    c = np.asarray(current, dtype=float)
    keep = (r > 0) | (c > 0)
    r, c = r[keep], c[keep]
    if np.any((r == 0) & (c > 0)):
        return None
    expected = r / r.sum() * c.sum()
    res = stats.chisquare(f_obs=c, f_exp=expected)
    return float(res.statistic), float(res.pvalue)


chi = []
for name, r, c in count_pairs:
    out = chi_square(r, c)
    if out is None:
        chi.append({'name': name, 'reference': r, 'current': c, 'statistic': 'Infinity', 'pValue': 0.0})
    else:
        chi.append({'name': name, 'reference': r, 'current': c, 'statistic': out[0], 'pValue': out[1]})
# p-values across the range, including large degrees of freedom
for k, shift in [(2, 0.0), (3, 0.1), (5, 0.3), (10, 0.05), (30, 0.2), (200, 0.1), (1000, 0.02)]:
    base = rng.integers(50, 500, k).astype(float)
    cur = np.maximum(0, np.round(base * (1 + shift * rng.normal(0, 1, k)))).astype(int)
    r = [int(v) for v in base]
    c = [int(v) for v in cur]
    statistic, pvalue = chi_square(r, c)
    chi.append({'name': f'{k} bins, noise {shift}', 'reference': r, 'current': c, 'statistic': statistic, 'pValue': pvalue})


def evidently_fill(p):
    """Evidently's get_binned_data(feel_zeroes=True) replacement of empty bins."""
    p = p.copy()
    smallest = min(p[p != 0])
    np.place(p, p == 0, smallest / 10**6 if smallest <= 0.0001 else 0.0001)
    return p


psi = []
hellinger = []
for name, r, c in count_pairs:
    rp = np.asarray(r, float) / np.sum(r)
    cp = np.asarray(c, float) / np.sum(c)
    rf, cf = evidently_fill(rp), evidently_fill(cp)
    psi.append({'name': name, 'reference': r, 'current': c, 'psi': float(np.sum((rf - cf) * np.log(rf / cf)))})
    hellinger.append({'name': name, 'p': r, 'q': c, 'distance': float(np.sqrt(max(0.0, 1 - np.sum(np.sqrt(rp * cp)))))})

quantiles = []
for name, values, bins in [
    ('normal, 10 bins', sample('normal', 1000), 10),
    ('uniform, 4 bins', sample('uniform', 101), 4),
    ('ties collapse edges', sample('integers', 500, 0, 3), 10),
    ('small, 3 bins', [3.0, 1.0, 2.0, 5.0, 4.0], 3),
]:
    inner = np.quantile(values, np.arange(1, bins) / bins)
    edges = [float(v) for v in np.unique(inner)]
    current = sample('normal', 300, 0.2, 1.5)
    hist_edges = [float(values[0]) - 1000.0] + edges + [float(max(values)) + 1000.0]
    counts = np.histogram(current, hist_edges)[0]
    quantiles.append({'name': name, 'reference': values, 'bins': bins, 'innerEdges': edges,
                      'current': current, 'histogramEdges': hist_edges, 'counts': [int(v) for v in counts]})

vectors = {
    'generatedBy': 'plugins/mlops-common/scripts/drift-vectors/generate.py',
    'seed': SEED,
    'python': platform.python_version(),
    'scipy': scipy.__version__,
    'numpy': np.__version__,
    'ksTwoSample': ks,
    'kolmogorovSurvival': kolmogorov,
    'wassersteinDistance': wasserstein,
    'jensenShannonDistance': jensen_shannon,
    'chiSquareGoodnessOfFit': chi,
    'populationStabilityIndex': psi,
    'hellingerDistance': hellinger,
    'quantileBinEdges': quantiles,
}
OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text(json.dumps(vectors, separators=(',', ':')) + '\n')
print(f'wrote {OUT} ({OUT.stat().st_size} bytes) with scipy {scipy.__version__}, numpy {np.__version__}', file=sys.stderr)
