// Calendar days as the portal shows them: a delega dated 2026-03-29 runs from 00:00 to 24:00 in Europe/Rome, whatever
// the offset is that day (the clocks change on the last Sundays of March and October).

export const ROME = 'Europe/Rome';
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: ROME,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Is `value` a real calendar date written YYYY-MM-DD? */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** The day (YYYY-MM-DD) it is in Rome at `at`. */
export function romeDay(at: Date): string {
  return at.toLocaleDateString('sv-SE', { timeZone: ROME });
}

/** Rome's offset from UTC at `at`, in minutes (60 in winter, 120 in summer). */
function romeOffsetMinutes(at: Date): number {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** The instant 00:00 of `day` in Rome. Midnight always exists in Rome (the clocks change at 02:00 and 03:00). */
export function romeMidnight(day: string): Date {
  if (!isIsoDate(day)) throw new Error(`Not a date: ${day}`);
  const [y, m, d] = day.split('-').map(Number);
  const utcMidnight = Date.UTC(y, m - 1, d);
  // The offset at that midnight: guess with the offset at noon UTC of the day before, then correct once.
  let guess = utcMidnight - romeOffsetMinutes(new Date(utcMidnight)) * 60_000;
  guess = utcMidnight - romeOffsetMinutes(new Date(guess)) * 60_000;
  return new Date(guess);
}

export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (calendar days, DST does not matter). */
export function daysBetween(from: string, to: string): number {
  const a = Date.UTC(...(from.split('-').map(Number) as [number, number, number]));
  const b = Date.UTC(...(to.split('-').map(Number) as [number, number, number]));
  return Math.round((b - a) / 86_400_000);
}

export interface ValidityWindow {
  /** 00:00 Rome of the first day. */
  from: Date;
  /** 00:00 Rome of the day after the last day (exclusive); null = open-ended. */
  to: Date | null;
}

/** The instants a validity from `firstDay` to `lastDay` (both included) covers. */
export function validityWindow(firstDay: string, lastDay: string | null): ValidityWindow {
  return { from: romeMidnight(firstDay), to: lastDay ? romeMidnight(addDays(lastDay, 1)) : null };
}

export function isWithin(window: ValidityWindow, at: Date): boolean {
  return window.from.getTime() <= at.getTime() && (window.to === null || at.getTime() < window.to.getTime());
}
