/**
 * Plain L2-regularised logistic regression by Newton's method (IRLS): small dense problems only
 * (a few dozen features, up to a few hundred thousand rows). Used to fit the restorer's calibration.
 */
export interface LogisticFit {
  weights: number[];
  logLoss: number;
}

/** Solves A x = b for a small dense symmetric positive definite A (Gaussian elimination, partial pivoting). */
export function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    const d = m[c][c] || 1e-12;
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / d;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let k = r + 1; k < n; k++) s -= m[r][k] * x[k];
    x[r] = s / (m[r][r] || 1e-12);
  }
  return x;
}

/** Fits weights (feature 0 is taken as the bias and not penalised). */
export function fitLogistic(xs: number[][], ys: number[], opts: { l2?: number; iterations?: number; start?: readonly number[] } = {}): LogisticFit {
  const n = xs[0]?.length ?? 0;
  const l2 = opts.l2 ?? 1;
  let w = opts.start ? [...opts.start] : new Array<number>(n).fill(0);
  let loss = Infinity;
  for (let it = 0; it < (opts.iterations ?? 12); it++) {
    const grad = new Array<number>(n).fill(0);
    const hess = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    loss = 0;
    for (let r = 0; r < xs.length; r++) {
      const x = xs[r];
      let z = 0;
      for (let k = 0; k < n; k++) z += w[k] * x[k];
      const p = 1 / (1 + Math.exp(-z));
      const y = ys[r];
      loss -= y ? Math.log(Math.max(p, 1e-12)) : Math.log(Math.max(1 - p, 1e-12));
      const g = p - y;
      const h = p * (1 - p);
      for (let i = 0; i < n; i++) {
        grad[i] += g * x[i];
        const hx = h * x[i];
        if (hx === 0) continue;
        for (let j = i; j < n; j++) hess[i][j] += hx * x[j];
      }
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) hess[i][j] = hess[j][i];
      if (i > 0) {
        grad[i] += l2 * w[i];
        hess[i][i] += l2;
      }
    }
    const step = solve(hess, grad);
    let size = 0;
    w = w.map((v, k) => {
      size = Math.max(size, Math.abs(step[k]));
      return v - step[k];
    });
    if (size < 1e-4) break;
  }
  return { weights: w, logLoss: loss / xs.length };
}
