// Paging maths for server-side pages (offset/limit) and client-side slices.

/** Offset of 1-based `page`. */
export function offsetOf(page: number, size: number): number {
  return Math.max(0, (Math.max(1, Math.floor(page)) - 1) * size)
}

/** Number of pages (at least 1, so an empty list still shows page 1). */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(Math.max(0, total) / size))
}

/** `page` kept inside 1…pageCount: after a deletion or a narrower search. */
export function clampPage(page: number, total: number, size: number): number {
  return Math.min(Math.max(1, Math.floor(page)), pageCount(total, size))
}

/** The rows of 1-based `page`. */
export function slicePage<T>(rows: T[], page: number, size: number): T[] {
  const start = offsetOf(clampPage(page, rows.length, size), size)
  return rows.slice(start, start + size)
}
