import { addDays, daysBetween, isIsoDate, isWithin, romeDay, romeMidnight, validityWindow } from './rome-calendar.js';

describe('Rome calendar days', () => {
  it('midnight in Rome is 23:00 UTC of the day before in winter and 22:00 in summer', () => {
    expect(romeMidnight('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(romeMidnight('2026-07-15').toISOString()).toBe('2026-07-14T22:00:00.000Z');
  });

  it('a day on which the clocks go forward (29 March 2026) lasts 23 hours', () => {
    const w = validityWindow('2026-03-29', '2026-03-29');
    expect(w.from.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(w.to!.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect((w.to!.getTime() - w.from.getTime()) / 3_600_000).toBe(23);
  });

  it('a day on which the clocks go back (25 October 2026) lasts 25 hours', () => {
    const w = validityWindow('2026-10-25', '2026-10-25');
    expect(w.from.toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(w.to!.toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect((w.to!.getTime() - w.from.getTime()) / 3_600_000).toBe(25);
  });

  it('a delega is valid from 00:00 of Data inizio to the last instant of Data scadenza, not a millisecond more', () => {
    const w = validityWindow('2026-03-01', '2026-03-31');
    expect(isWithin(w, new Date('2026-02-28T22:59:59.999Z'))).toBe(false); // 23:59:59.999 of 28 Feb in Rome
    expect(isWithin(w, new Date('2026-02-28T23:00:00.000Z'))).toBe(true); // 00:00 of 1 March in Rome
    // 31 March is summer time: its end in Rome is 22:00 UTC.
    expect(isWithin(w, new Date('2026-03-31T21:59:59.999Z'))).toBe(true);
    expect(isWithin(w, new Date('2026-03-31T22:00:00.000Z'))).toBe(false);
  });

  it('across the October change the last hour of the day is still in, the next midnight is out', () => {
    const w = validityWindow('2026-10-20', '2026-10-25');
    expect(isWithin(w, new Date('2026-10-25T22:30:00.000Z'))).toBe(true); // 23:30 CET on the 25th
    expect(isWithin(w, new Date('2026-10-25T23:00:00.000Z'))).toBe(false);
  });

  it('the Rome day of an instant follows the local offset', () => {
    expect(romeDay(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06-30');
    expect(romeDay(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
    expect(romeDay(new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31');
    expect(romeDay(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });

  it('dates are checked and counted by calendar', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(validityWindow('2026-01-01', null).to).toBeNull();
  });
});
