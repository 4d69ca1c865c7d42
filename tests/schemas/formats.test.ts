import { describe, expect, it } from 'vitest';
import { formatValidators, isValidIdNumber, isValidUscc, withIdCheck, withUsccCheck } from '../../schemas/index.ts';

describe('formats', () => {
  it.each([
    ['11010519491231002X', true],
    [withIdCheck('32010219850615123'), true],
    ['11010519491231002x', true],
    ['110105194912310021', false],
    ['11010519490231002X', false],
    ['1101051949123100', false],
    ['01010519491231002X', false],
  ])('ID number %s → %s', (value, valid) => {
    expect(isValidIdNumber(value)).toBe(valid);
  });

  it.each([
    ['91350100M000100Y43', true],
    [withUsccCheck('91320100MA1XYT123'), true],
    ['91350100M000100Y44', false],
    ['91350100M000100YI3', false],
    ['9135010', false],
  ])('unified social credit code %s → %s', (value, valid) => {
    expect(isValidUscc(value)).toBe(valid);
  });

  it.each([
    ['cn-mobile', '13912345678', true],
    ['cn-mobile', '12912345678', false],
    ['cn-phone', '025-83281234', true],
    ['cn-phone', '83281234', false],
    ['cn-postcode', '210000', true],
    ['cn-postcode', '21000', false],
    ['cn-bank-card', '6222021001234567890', true],
    ['cn-bank-card', '6222-0210', false],
    ['email', 'a@b.cn', true],
    ['email', 'a@b', false],
  ] as const)('%s accepts %s → %s', (format, value, valid) => {
    expect(formatValidators()[format](value)).toBe(valid);
  });
});
