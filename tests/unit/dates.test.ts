import { describe, expect, it } from 'vitest';
import { calendarDay, formatPostDate, parsePostDate } from '#src/lib/content/dates.ts';

const NEW_YORK = 'America/New_York';

describe('parsePostDate', () => {
  it.each([
    ['Mar 04 2026', '2026-03-04'],
    ['2026-03-04', '2026-03-04'],
    ['March 4, 2026', '2026-03-04'],
    ['2026-03-04T09:30:00+02:00', '2026-03-04'],
    ['2026-03-04T23:30:00', '2026-03-04'],
    ['Feb 29 2028', '2028-02-29'],
  ])('reads %s as %s in the site time zone', (text, day) => {
    expect(calendarDay(parsePostDate(text, NEW_YORK), NEW_YORK)).toBe(day);
  });

  it('takes an ISO offset as an exact instant', () => {
    expect(parsePostDate('2026-03-04T09:30:00+02:00', NEW_YORK).toISOString()).toBe('2026-03-04T07:30:00.000Z');
    expect(parsePostDate('2026-03-04T09:30:00Z', NEW_YORK).toISOString()).toBe('2026-03-04T09:30:00.000Z');
  });

  it('takes calendar dates at midnight in the site time zone', () => {
    expect(parsePostDate('2026-03-04', NEW_YORK).toISOString()).toBe('2026-03-04T05:00:00.000Z');
    expect(parsePostDate('2026-07-04', NEW_YORK).toISOString()).toBe('2026-07-04T04:00:00.000Z');
  });

  it.each([
    ['2026-02-30', /Feb 2026 has 28 days/],
    ['Feb 30 2026', /Feb 2026 has 28 days/],
    ['2026-13-01', /month 13/],
    ['2026-04-31', /Apr 2026 has 30 days/],
    ['2026-03-04T25:00', /impossible time/],
    ['Foo 04 2026', /unknown month/],
    ['04/03/2026', /accepted form/],
    ['', /accepted form/],
  ])('rejects %s instead of rolling it over', (text, message) => {
    expect(() => parsePostDate(text, NEW_YORK)).toThrow(message);
  });

  it('reads a YAML date object (midnight UTC) as that calendar day', () => {
    const yamlDate = new Date(Date.UTC(2026, 2, 4));
    expect(calendarDay(parsePostDate(yamlDate, NEW_YORK), NEW_YORK)).toBe('2026-03-04');
  });
});

describe('formatPostDate', () => {
  it('never shows the day before the date, west or east of UTC', () => {
    for (const zone of ['America/Los_Angeles', 'Pacific/Pago_Pago', 'UTC', 'Asia/Tokyo', 'Pacific/Kiritimati']) {
      expect(formatPostDate(parsePostDate('Mar 04 2026', zone), zone, 'en')).toBe('March 4, 2026');
    }
  });
});
