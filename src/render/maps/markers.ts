/** Where a numbered marker goes: on its area's point, or moved clear of the markers before it, with a leader line. */
export interface PlacedMarker {
  target: [number, number];
  at: [number, number];
  moved: boolean;
}

/**
 * Places markers of radius `r` at their targets in order (the highest area first), each one
 * that would overlap a marker already placed moved to the nearest free spot on rings around
 * its target (8 directions, then 16, further out), inside the frame. The top areas of a town
 * are often neighbours a few pixels apart: their numbers must still be readable.
 */
export function placeMarkers(targets: readonly [number, number][], frame: { width: number; height: number }, r = 8): PlacedMarker[] {
  const placed: PlacedMarker[] = [];
  const free = (p: [number, number]) =>
    p[0] >= r &&
    p[1] >= r &&
    p[0] <= frame.width - r &&
    p[1] <= frame.height - r &&
    placed.every((m) => Math.hypot(m.at[0] - p[0], m.at[1] - p[1]) >= 2 * r + 2);
  for (const t of targets) {
    let at: [number, number] | undefined = free(t) ? t : undefined;
    for (let ring = 1; !at && ring <= 8; ring++) {
      const steps = ring <= 2 ? 8 : 16;
      for (let k = 0; k < steps && !at; k++) {
        const angle = -Math.PI / 2 + (2 * Math.PI * k) / steps; // from straight up, clockwise
        const p: [number, number] = [t[0] + ring * (2 * r + 4) * Math.cos(angle), t[1] + ring * (2 * r + 4) * Math.sin(angle)];
        if (free(p)) at = p;
      }
    }
    const spot = at ?? t;
    placed.push({ target: t, at: spot, moved: spot !== t });
  }
  return placed;
}
