/** @jsxImportSource preact */
import { useContext } from 'preact/hooks';
import { useT, Widget } from './context';

const WEEK_MS = 6 * 24 * 60 * 60 * 1000;

/** Dates in the widget's language; a language the browser does not know falls back to the browser's own. */
const localized = (lang: string, format: (locales: string | string[]) => string) => {
  try {
    return format(lang);
  } catch {
    return format([]);
  }
};

/** "We're back Monday at 9:00 AM.": when support opens again, in the widget's language and the visitor's time zone. */
export function OpensAgain({ opensAt }: { opensAt: string | null }) {
  const t = useT();
  const { lang } = useContext(Widget);
  if (!opensAt) return null;
  const at = new Date(opensAt);
  // Within the coming week the weekday says it all; further away (holidays) the date is needed too.
  const dayFormat: Intl.DateTimeFormatOptions =
    at.getTime() - Date.now() < WEEK_MS ? { weekday: 'long' } : { weekday: 'long', day: 'numeric', month: 'long' };
  const day = localized(lang, (locales) => at.toLocaleDateString(locales, dayFormat));
  const time = localized(lang, (locales) => at.toLocaleTimeString(locales, { hour: 'numeric', minute: '2-digit' }));
  return <span data-testid="opens-again"> {t('backAt', { day, time })} </span>;
}
