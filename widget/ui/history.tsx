/** @jsxImportSource preact */
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { VisitorConversation } from '../../plugin';
import { useT, Widget } from './context';

const statusKey = { bot: 'statusBot', queued: 'statusQueued', open: 'statusOpen', ended: 'statusEnded' } as const;

/** The visitor's past conversations; choosing one puts it back on screen. */
export function HistoryView({ onPick }: { onPick(conversationId: number): void }) {
  const t = useT();
  const { chat } = useContext(Widget);
  const [list, setList] = useState<VisitorConversation[] | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
    chat.history().then(setList, () => setList([]));
  }, [chat]);

  return (
    <div class="body">
      <h3 tabIndex={-1} ref={heading}>
        {t('history')}
      </h3>
      {list && list.length === 0 && <p>{t('noHistory')}</p>}
      <ul class="history">
        {list?.map((c) => (
          <li key={c.id}>
            <button type="button" onClick={() => onPick(c.id)}>
              {t('conversationOf', {
                date: new Date(c.createdAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' }),
              })}
              <small>
                {t(statusKey[c.status])}
                {c.assignee ? ` · ${c.assignee.name}` : ''}
              </small>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
