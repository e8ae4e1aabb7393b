/** @jsxImportSource preact */
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { Composer } from './composer';
import { useChatState, useT, Widget } from './context';
import { ConversationView } from './conversation';
import { OfflineForm, PreChatForm } from './forms';
import { HistoryView } from './history';
import { Icon } from './icons';
import { OpensAgain } from './opens-again';
import type { Theme } from './options';

type View = 'chat' | 'history' | 'prechat' | 'offline';

const FOCUSABLE =
  'a[href],button:not([disabled]),input:not([disabled]):not([hidden]),textarea:not([disabled]),[tabindex="0"]';

/** Keeps Tab inside the open panel (inside a shadow root, `document.activeElement` is the host). */
function trapFocus(event: KeyboardEvent, panel: HTMLElement) {
  const items = [...panel.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
  if (items.length === 0) return;
  const active = (panel.getRootNode() as ShadowRoot).activeElement;
  const first = items[0];
  const last = items[items.length - 1];
  if (event.shiftKey && (active === first || !panel.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !panel.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}

/** The launcher button and the chat panel. */
export function App({ theme, startOpen }: { theme: Theme; startOpen: boolean }) {
  const t = useT();
  const { chat } = useContext(Widget);
  const state = useChatState(chat);
  const [open, setOpen] = useState(startOpen);
  const [view, setView] = useState<View>('chat');
  const [menuOpen, setMenuOpen] = useState(false);
  const [detailsGiven, setDetailsGiven] = useState(false);
  const launcher = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const menuButton = useRef<HTMLButtonElement>(null);

  const { conversation, config, online, connection } = state;
  const needsDetails =
    config.preChatFields.length > 0 && !detailsGiven && !conversation && !state.session?.contact.email;
  const shown: View = view === 'chat' && needsDetails ? 'prechat' : view;

  useEffect(() => chat.setPanelOpen(open), [open, chat]);
  // For the site's own performance monitoring: when the launcher became usable.
  useEffect(() => {
    if (state.ready) performance.mark?.('livechat:launcher-ready');
  }, [state.ready]);
  // A follow-up email link opens the panel on its conversation (or on the reason it could not).
  useEffect(() => {
    if (state.openRequests > 0) setOpen(true);
  }, [state.openRequests]);

  const close = () => {
    setOpen(false);
    setMenuOpen(false);
    // Focus returns to the launcher once it is rendered again.
    setTimeout(() => launcher.current?.focus());
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      if (menuOpen) {
        setMenuOpen(false);
        menuButton.current?.focus();
      } else close();
    } else if (event.key === 'Tab' && panel.current) trapFocus(event, panel.current);
  };

  const menuAction = (run: () => void) => () => {
    setMenuOpen(false);
    run();
  };

  const status = online ? t('online') : t('offline');
  const ended = conversation?.status === 'ended';
  const canAskHuman = !conversation || conversation.status === 'bot';
  const nudge = state.proactive && !state.proactive.seen ? state.proactive.rule : null;
  const badge = state.unread + (nudge ? 1 : 0);

  if (!state.ready) return null;
  return (
    <>
      {!open && (
        <button
          ref={launcher}
          type="button"
          class={`launcher ${theme.position}`}
          aria-label={t('openChat')}
          aria-expanded="false"
          data-livechat-launcher
          onClick={() => setOpen(true)}
        >
          <Icon name="chat" />
          {badge > 0 && (
            <span class="badge" aria-label={`${badge}`}>
              {badge}
            </span>
          )}
        </button>
      )}
      {!open && nudge && (
        <div class={`msg bot nudge ${theme.position}`} role="status" data-testid="proactive">
          <button type="button" class="icon" aria-label={t('dismiss')} onClick={() => chat.dismissProactive()}>
            <Icon name="close" />
          </button>
          <span class="who">{t('bot')}</span>
          <button type="button" class="nudge-text" onClick={() => setOpen(true)}>
            {nudge.message}
          </button>
        </div>
      )}
      {open && (
        <div
          ref={panel}
          class={`panel ${theme.position}`}
          role="dialog"
          aria-modal="true"
          aria-labelledby="lc-title"
          onKeyDown={onKeyDown}
        >
          <header>
            <h2 id="lc-title">
              {theme.title}
              <span class="status" role="status">
                {conversation?.status === 'open' && conversation.assignee ? conversation.assignee.name : status}
              </span>
            </h2>
            <button
              ref={menuButton}
              type="button"
              class="icon"
              aria-label={t('menu')}
              aria-haspopup="true"
              aria-expanded={menuOpen}
              onClick={() => setMenuOpen(!menuOpen)}
            >
              <Icon name="more" />
            </button>
            <button type="button" class="icon" aria-label={t('closeChat')} onClick={close}>
              <Icon name="close" />
            </button>
          </header>
          {menuOpen && (
            <div class="menu">
              {canAskHuman && (
                <button
                  type="button"
                  onClick={menuAction(() => (online ? void chat.requestHuman() : setView('offline')))}
                >
                  {online ? t('talkToHuman') : t('leaveEmail')}
                </button>
              )}
              <button type="button" onClick={menuAction(() => setView('history'))}>
                {t('history')}
              </button>
              {conversation && !ended && (
                <button type="button" onClick={menuAction(() => void chat.end())}>
                  {t('endChat')}
                </button>
              )}
              {ended && (
                <button type="button" onClick={menuAction(() => chat.newConversation())}>
                  {t('newConversation')}
                </button>
              )}
            </div>
          )}
          {connection === 'offline' && <p class="banner">{t('reconnecting')}</p>}
          {!online && view === 'chat' && canAskHuman && (
            <p class="banner">
              {config.offlineMessage}
              <OpensAgain opensAt={state.opensAt} />{' '}
              <button type="button" class="chip" onClick={() => setView('offline')}>
                {t('leaveEmail')}
              </button>
            </p>
          )}
          {state.notice && (
            <p class="banner error" role="alert">
              {state.notice.key === 'linkExpired' ? t('linkExpired') : t('error', { error: state.notice.detail ?? '' })}{' '}
              <button type="button" class="icon" aria-label={t('dismiss')} onClick={() => chat.dismissNotice()}>
                <Icon name="close" />
              </button>
            </p>
          )}
          {shown === 'prechat' && <PreChatForm fields={config.preChatFields} onDone={() => setDetailsGiven(true)} />}
          {shown === 'offline' && <OfflineForm onBack={() => setView('chat')} />}
          {shown === 'history' && (
            <HistoryView
              onPick={(id) => {
                setView('chat');
                void chat.show(id);
              }}
            />
          )}
          {shown === 'chat' && (
            <>
              <ConversationView state={state} onOffline={() => setView('offline')} />
              <p class="typing" aria-live="polite">
                {state.typing !== null ? t('typing', { name: state.typing || t('agent') }) : ''}
              </p>
              {!ended && <Composer />}
            </>
          )}
          {shown === 'history' && (
            <button type="button" class="chip" style="margin:8px" onClick={() => setView('chat')}>
              {t('back')}
            </button>
          )}
        </div>
      )}
    </>
  );
}
