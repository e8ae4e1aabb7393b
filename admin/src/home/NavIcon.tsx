import { Message } from '@strapi/icons';
import type { ComponentProps } from 'react';
import { useTr } from '../i18n';
import { useWaitingCount } from './waiting';

/** The main navigation's Live chat icon, with the number of waiting visitors on it when there are any. */
export function LiveChatNavIcon(props: ComponentProps<typeof Message>) {
  const tr = useTr();
  const waiting = useWaitingCount();
  return (
    <span style={{ position: 'relative', display: 'inline-flex' }}>
      <Message {...props} />
      {waiting ? (
        <span
          role="status"
          aria-label={tr('nav.waiting', '{count, plural, one {# visitor waiting} other {# visitors waiting}}', {
            count: waiting,
          })}
          data-testid="livechat-nav-waiting"
          style={{
            position: 'absolute',
            top: -8,
            right: -10,
            minWidth: 16,
            height: 16,
            padding: '0 4px',
            borderRadius: 8,
            background: '#d02b20',
            color: '#ffffff',
            fontSize: 11,
            fontWeight: 600,
            lineHeight: '16px',
            textAlign: 'center',
          }}
        >
          {waiting > 99 ? '99+' : waiting}
        </span>
      ) : null}
    </span>
  );
}
