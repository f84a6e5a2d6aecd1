"""Regenerates the expected values in this directory with CPython 3.11 (no numpy).

Run from this directory: python3 generate.py
Every double is written as the 16 hex digits of its IEEE 754 bits.
"""
import math
import random
import struct
import sys

assert sys.version_info[:2] == (3, 11), sys.version


def bits(x):
    return format(struct.unpack('<Q', struct.pack('<d', x))[0], '016x')


def from_bits(b):
    return struct.unpack('<d', struct.pack('<Q', b))[0]


def random_finite(rng):
    while True:
        x = from_bits(rng.getrandbits(64))
        if math.isfinite(x):
            return x


def realistic(rng):
    return round(10 ** rng.uniform(-6, 13), 3)


def write_repr(rng):
    values = [random_finite(rng) for _ in range(1000)]
    values += [realistic(rng) for _ in range(800)]
    values += [rng.random() for _ in range(100)]
    values += [float(rng.randrange(1, 10 ** rng.randrange(1, 25))) for _ in range(100)]
    values += [math.ldexp(1.0, e) for e in range(-1074, 1024, 7)]
    values += [math.nextafter(v, math.inf) for v in (1e22, 1e23, 9.5, 0.3)]
    with open('repr.txt', 'w') as out:
        for x in values:
            out.write(f'{bits(x)} {x!r}\n')


def write_round(rng):
    values = [realistic(rng) * rng.choice((1, -1)) for _ in range(300)]
    values += [rng.randrange(0, 10 ** 7) / 2 ** rng.randrange(1, 12) for _ in range(200)]
    values += [(rng.randrange(0, 10 ** 6) + 0.5) / 10 ** rng.randrange(0, 4) for _ in range(200)]
    values += [random_finite(rng) for _ in range(100)]
    values += [10 ** rng.uniform(-5, 0) for _ in range(100)]
    with open('round.txt', 'w') as out:
        for x in values:
            for ndigits in (1, 2, 3):
                out.write(f'{bits(x)} {ndigits} {bits(round(x, ndigits))}\n')


def write_fsum(rng):
    arrays = []
    for n in (0, 1, 2, 3, 5, 10, 50, 200, 1000):
        arrays.append([rng.random() for _ in range(n)])
    for _ in range(20):
        arrays.append([realistic(rng) for _ in range(rng.randrange(1, 500))])
    for _ in range(20):
        arrays.append([rng.uniform(-1, 1) * 10 ** rng.randrange(-20, 20) for _ in range(rng.randrange(1, 300))])
    for _ in range(20):
        arrays.append([random_finite(rng) * 2.0 ** -rng.randrange(0, 10) for _ in range(rng.randrange(1, 40))])
    for _ in range(20):
        # cancellation: values and most of their negations, shuffled
        xs = [rng.uniform(-1, 1) * 10 ** rng.randrange(-10, 10) for _ in range(rng.randrange(1, 100))]
        ys = xs + [-x for x in xs if rng.random() < 0.9] + [rng.random() * 1e-20]
        rng.shuffle(ys)
        arrays.append(ys)
    for _ in range(20):
        # sums that fall exactly halfway between doubles, nudged or not by a tiny term
        big = math.ldexp(rng.randrange(2 ** 52, 2 ** 53), rng.randrange(-60, 60))
        half = math.ulp(big) / 2
        xs = [big, half * rng.choice((1, -1))]
        if rng.random() < 0.7:
            xs.append(rng.choice((1, -1)) * half * 2.0 ** -rng.randrange(1, 60))
        rng.shuffle(xs)
        arrays.append(xs)
    for _ in range(10):
        arrays.append([rng.choice((-1, 1)) * math.ldexp(rng.random(), rng.randrange(-1074, -1000))
                       for _ in range(rng.randrange(1, 30))])
    with open('fsum.txt', 'w') as out:
        for xs in arrays:
            out.write(' '.join([bits(math.fsum(xs))] + [bits(x) for x in xs]) + '\n')


write_repr(random.Random(20240611))
write_round(random.Random(20240612))
write_fsum(random.Random(20240613))
