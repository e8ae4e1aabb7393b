import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { t } from './translations';

type Values = Record<string, string | number | Date | null | undefined>;

/** `tr(key, default, values)`: a translated plugin string; the default is the English text in en.json. */
export function useTr() {
  const { formatMessage } = useIntl();
  return useCallback(
    (id: string, defaultMessage: string, values?: Values) =>
      formatMessage({ id: t(id), defaultMessage }, values as Record<string, string | number>),
    [formatMessage],
  );
}

export type Tr = ReturnType<typeof useTr>;
