import { describe, expect, it } from 'vitest';
import { boundsOf, dropPosition, fitViewport, freeSpot, MIN_FIT_ZOOM, NODE_SIZE } from '../../../studio/src/editor/canvas-geometry.ts';

const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.abs(a.x - b.x) < NODE_SIZE.width && Math.abs(a.y - b.y) < NODE_SIZE.height;

describe('canvas geometry', () => {
  it('fits a small scenario centred in the free area at life size at most', () => {
    const bounds = boundsOf([{ position: { x: 40, y: 40 } }, { position: { x: 320, y: 40 } }])!;
    expect(bounds).toEqual({ x: 40, y: 40, width: 280 + NODE_SIZE.width, height: NODE_SIZE.height });
    const view = fitViewport(bounds, { x: 56, y: 0, width: 800, height: 400 });
    expect(view.zoom).toBe(1);
    expect(view.overflows).toBe(false);
    // the content's left edge lands inside the free area, right of the controls
    expect(view.x + bounds.x * view.zoom).toBeGreaterThanOrEqual(56);
    expect(view.x + (bounds.x + bounds.width) * view.zoom).toBeLessThanOrEqual(856);
  });

  it('never fits a long chain below the readable zoom, and says it overflows', () => {
    const chain = Array.from({ length: 8 }, (_, i) => ({ position: { x: 40 + i * 280, y: 40 } }));
    const view = fitViewport(boundsOf(chain)!, { x: 56, y: 0, width: 700, height: 300 });
    expect(view.zoom).toBe(MIN_FIT_ZOOM);
    expect(view.overflows).toBe(true);
    // it starts at the area's left edge: the first matter is in view
    expect(view.x + 40 * view.zoom).toBeCloseTo(56);
  });

  it('places a new matter where it touches no other', () => {
    const taken = [
      { x: 40, y: 40 },
      { x: 330, y: 60 },
      { x: 40, y: 170 },
    ];
    const spot = freeSpot(taken);
    expect(taken.some((t) => overlaps(spot, t))).toBe(false);
    expect(freeSpot([])).toEqual({ x: 40, y: 40 });
  });

  it('keeps a matter dropped near an edge wholly in view', () => {
    const visible = { x: 0, y: 0, width: 900, height: 400 };
    const atRightEdge = dropPosition({ x: 895, y: 200 }, visible);
    expect(atRightEdge.x + NODE_SIZE.width).toBeLessThanOrEqual(900);
    const atBottomLeft = dropPosition({ x: 2, y: 399 }, visible);
    expect(atBottomLeft.x).toBeGreaterThanOrEqual(0);
    expect(atBottomLeft.y + NODE_SIZE.height).toBeLessThanOrEqual(400);
    expect(dropPosition({ x: 450, y: 200 }, visible)).toEqual({ x: 450 - NODE_SIZE.width / 2, y: 200 - NODE_SIZE.height / 2 });
  });
});
