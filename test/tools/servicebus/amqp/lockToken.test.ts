import {
  deliveryTagToLockToken,
  lockTokenToDeliveryTag,
  managementLockToken,
  newLockToken,
} from '../../../../tools/servicebus/amqp/lockToken';

describe('lock tokens', () => {
  it('travel as delivery tags in .NET GUID byte order', () => {
    const token = '00112233-4455-6677-8899-aabbccddeeff';
    expect(lockTokenToDeliveryTag(token).toString('hex')).toBe('33221100554477668899aabbccddeeff');
    expect(deliveryTagToLockToken(lockTokenToDeliveryTag(token))).toBe(token);
  });

  it('arrive on the management link as plain-order uuids', () => {
    expect(managementLockToken(Buffer.from('00112233445566778899aabbccddeeff', 'hex'))).toBe(
      '00112233-4455-6677-8899-aabbccddeeff',
    );
    expect(() => managementLockToken(42)).toThrow();
  });

  it('are unique', () => {
    expect(new Set(Array.from({ length: 100 }, newLockToken)).size).toBe(100);
  });
});
