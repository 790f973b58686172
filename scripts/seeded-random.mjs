// mulberry32: a small, fast, seeded PRNG; good enough for test data and identical on every machine, so a
// generated night (gen.mjs) or a reliability campaign (reliability.mjs) can be made again from its seed.
export function seededRandom(seed) {
  let state = Number(seed) >>> 0;
  return function random() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
