/**
 * The short number people read in mail subjects and on pages: the first eight hex digits of the order's UUID,
 * as `#3F2A-9C1B`. Derived, not stored, so it needs no counter (a global sequence would be a hot document
 * in a partitioned store); the full id stays in every link. Two orders can share a number (about one chance in
 * 8,600 among 1,000 orders, by the birthday bound), which is why nothing looks an order up by it.
 */
export function orderNumber(orderId: string): string {
  const hex = orderId.replace(/[^0-9a-f]/gi, '').toUpperCase();
  const digits =
    hex.length >= 8
      ? hex.slice(0, 8)
      : orderId
          .replace(/[^0-9a-z]/gi, '')
          .toUpperCase()
          .slice(0, 8);
  return digits.length > 4 ? `#${digits.slice(0, 4)}-${digits.slice(4)}` : `#${digits || '?'}`;
}
