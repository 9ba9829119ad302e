import { DeliveryBook, type BookedDelivery } from '../../../../tools/servicebus/amqp/deliveryBook';

const delivery = (id: number, settled = false): BookedDelivery => ({
  id,
  settled,
  remote_settled: false,
  link: { is_remote_open: () => true },
});

describe('DeliveryBook', () => {
  it('forgets settled deliveries wherever they sit, so one held delivery costs one slot', () => {
    const book = new DeliveryBook<BookedDelivery>(4, (d) => d.settled);
    const held = delivery(0);
    book.push(held);
    // 10x the capacity flows past the held head, each settled before the next arrives.
    for (let id = 1; id <= 40; id++) {
      const d = delivery(id);
      book.push(d);
      expect(book.by_id(id)).toBe(d);
      d.settled = true;
      expect(book.pop_if()).toBe(1);
      expect(book.available()).toBe(3);
    }
    expect(book.get_head()).toBe(held);
    expect(book.by_id(0)).toBe(held);
    expect(book.by_id(7)).toBeUndefined();
  });

  it('counts only open deliveries against its capacity and refuses one more, as rhea does', () => {
    const book = new DeliveryBook<BookedDelivery>(2, (d) => d.settled);
    book.push(delivery(0));
    book.push(delivery(1));
    expect(book.available()).toBe(0);
    expect(() => book.push(delivery(2))).toThrow(/overflow/);
    book.by_id(0)!.settled = true;
    book.pop_if();
    expect(book.available()).toBe(1);
    expect(book.get_tail()!.id).toBe(1);
  });
});
