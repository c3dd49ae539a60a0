/**
 * Stands in for `@date-fns/utc` in the Worker bundle (wrangler.toml `[alias]`). The package's UTCDate builds
 * three Intl.DateTimeFormat objects at module scope, for its toString methods only, about 12 ms of CPU in a
 * fresh isolate (the first DateTimeFormat starts ICU's date formatting); the next use of Intl pays part of that
 * instead (bench/RESULTS.md). This UTCDate is the package's own (UTCDateMini's UTC getters and setters, the same
 * strings) with the formatters made on first use.
 */
import { UTCDateMini } from '@date-fns/utc/date/mini';

export { UTCDateMini };

let formats: { weekday: Intl.DateTimeFormat; date: Intl.DateTimeFormat; time: Intl.DateTimeFormat } | undefined;

function formatters() {
  formats ??= {
    weekday: new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'UTC' }),
    date: new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }),
    time: new Intl.DateTimeFormat('en-GB', {
      hour12: false,
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      timeZone: 'UTC',
    }),
  };
  return formats;
}

export class UTCDate extends UTCDateMini {
  override toString(): string {
    return `${this.toDateString()} ${this.toTimeString()}`;
  }
  override toDateString(): string {
    const { weekday, date } = formatters();
    return `${weekday.format(this)} ${date.format(this)} ${this.getFullYear()}`;
  }
  override toTimeString(): string {
    return `${formatters().time.format(this)} GMT+0000 (Coordinated Universal Time)`;
  }
  override toLocaleString(locales?: Intl.LocalesArgument, options?: Intl.DateTimeFormatOptions): string {
    return Date.prototype.toLocaleString.call(this, locales, { timeZone: 'UTC', ...options });
  }
  override toLocaleDateString(locales?: Intl.LocalesArgument, options?: Intl.DateTimeFormatOptions): string {
    return Date.prototype.toLocaleDateString.call(this, locales, { timeZone: 'UTC', ...options });
  }
  override toLocaleTimeString(locales?: Intl.LocalesArgument, options?: Intl.DateTimeFormatOptions): string {
    return Date.prototype.toLocaleTimeString.call(this, locales, { timeZone: 'UTC', ...options });
  }
}

/** The package's `utc`: a UTCDate of any Date value. */
export const utc = (value: Date | number | string) => new UTCDate(+new Date(value));
