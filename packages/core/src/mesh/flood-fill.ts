/**
 * Labels every triangle reachable from `seed` with `label` in `id` (unreached ones hold -1),
 * depth first with an explicit stack: a flood over 600,000 triangles would overflow recursion.
 * `next(t, j)` is t's neighbour across edge j (0–2), or -1 where the flood may not cross;
 * `visit(t)` sees each reached triangle once, in the order the stack pops them.
 */
export function floodFill(
  seed: number,
  label: number,
  id: Int32Array,
  next: (t: number, j: number) => number,
  visit?: (t: number) => void,
): void {
  const stack = [seed];
  id[seed] = label;
  while (stack.length) {
    const t = stack.pop()!;
    visit?.(t);
    for (let j = 0; j < 3; j++) {
      const u = next(t, j);
      if (u >= 0 && id[u] < 0) {
        id[u] = label;
        stack.push(u);
      }
    }
  }
}
