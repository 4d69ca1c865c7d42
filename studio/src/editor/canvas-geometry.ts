/**
 * Where things go on the canvas, as pure geometry: the viewport that shows a scenario without
 * the zoom controls or the minimap covering it and never below a readable zoom, a free place
 * for a matter added from the keyboard, and a dropped matter kept fully in view.
 */

/** A rectangle in canvas (flow) or screen coordinates. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A point. */
export interface Point {
  x: number;
  y: number;
}

/** A viewport: screen = flow × zoom + (x, y). */
export interface Viewport extends Point {
  zoom: number;
}

/** A matter node's outer size (MatterNode.vue: 236 wide with its border; a two-line name, meta and department about 90 high). */
export const NODE_SIZE = { width: 236, height: 90 } as const;
/** Below this zoom a node's 13 px name becomes hard to read: fitting stops here and the official scrolls. */
export const MIN_FIT_ZOOM = 0.8;
/** Fitting never enlarges beyond life size. */
export const MAX_FIT_ZOOM = 1;
/** The grid new matters are placed on (the automatic layout's columns and rows). */
const GRID = { x: 40, y: 40, column: 280, row: 130, columns: 4 } as const;
const GAP = 20;

/** The bounding box of nodes (top-left positions; sizes when measured, else NODE_SIZE). */
export function boundsOf(nodes: readonly { position: Point; size?: { width: number; height: number } }[]): Rect | null {
  if (nodes.length === 0) return null;
  const right = (n: (typeof nodes)[number]) => n.position.x + (n.size?.width || NODE_SIZE.width);
  const bottom = (n: (typeof nodes)[number]) => n.position.y + (n.size?.height || NODE_SIZE.height);
  const x = Math.min(...nodes.map((n) => n.position.x));
  const y = Math.min(...nodes.map((n) => n.position.y));
  return { x, y, width: Math.max(...nodes.map(right)) - x, height: Math.max(...nodes.map(bottom)) - y };
}

/**
 * The viewport showing `bounds` inside `area` (the canvas minus what overlays cover), centred,
 * at the largest zoom that fits between MIN_FIT_ZOOM and MAX_FIT_ZOOM. Content too large at the
 * readable minimum starts at the area's top-left, and `overflows` says the official must scroll.
 */
export function fitViewport(bounds: Rect, area: Rect): Viewport & { overflows: boolean } {
  const fitting = Math.min(area.width / bounds.width, area.height / bounds.height);
  const zoom = Math.min(MAX_FIT_ZOOM, Math.max(MIN_FIT_ZOOM, fitting));
  const width = bounds.width * zoom;
  const height = bounds.height * zoom;
  const offset = (room: number, size: number) => (size <= room ? (room - size) / 2 : 0);
  return {
    x: area.x + offset(area.width, width) - bounds.x * zoom,
    y: area.y + offset(area.height, height) - bounds.y * zoom,
    zoom,
    overflows: width > area.width + 0.5 || height > area.height + 0.5,
  };
}

/** True when two node boxes at these top-left positions come closer than the gap. */
function crowds(a: Point, b: Point): boolean {
  return Math.abs(a.x - b.x) < NODE_SIZE.width + GAP && Math.abs(a.y - b.y) < NODE_SIZE.height + GAP;
}

/** The first place on the grid, in reading order, where a new node touches no other. */
export function freeSpot(taken: readonly Point[]): Point {
  for (let i = 0; ; i++) {
    const p = { x: GRID.x + (i % GRID.columns) * GRID.column, y: GRID.y + Math.floor(i / GRID.columns) * GRID.row };
    if (!taken.some((t) => crowds(p, t))) return p;
  }
}

/** Where a matter dropped at `point` goes: centred on the pointer, moved in so the whole node is in `visible`. */
export function dropPosition(point: Point, visible: Rect, margin = 12): Point {
  const clamp = (v: number, low: number, high: number) => Math.max(low, Math.min(v, Math.max(low, high)));
  return {
    x: Math.round(clamp(point.x - NODE_SIZE.width / 2, visible.x + margin, visible.x + visible.width - NODE_SIZE.width - margin)),
    y: Math.round(clamp(point.y - NODE_SIZE.height / 2, visible.y + margin, visible.y + visible.height - NODE_SIZE.height - margin)),
  };
}
