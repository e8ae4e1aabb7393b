/** @jsxImportSource preact */
import { render } from 'preact';
import { RESUME_QUERY_PARAM } from '../../plugin/contracts/widget';
import { createLivechatClient, defaultStorage } from '../client';
import { App } from './app';
import { ChatController } from './chat';
import { useChatState, Widget } from './context';
import { optionsFromScript, themeFrom, type WidgetOptions } from './options';
import { ProactiveMessages } from './proactive';
import { trackPageViews } from './page-views';
import { stringsFor } from '../../plugin/widget-strings';
import { css } from './styles';

export type { WidgetOptions } from './options';

/** What `mountLivechatWidget` returns. */
export interface WidgetHandle {
  controller: ChatController;
  /** Removes the widget from the page and closes its connection. */
  unmount(): void;
}

/** Draws with the server's settings once they arrive, merged with the page's own options. */
function Root({ chat, options }: { chat: ChatController; options: WidgetOptions }) {
  const state = useChatState(chat);
  const theme = themeFrom(state.config, options);
  const strings = stringsFor(theme.lang, theme.strings);
  chat.lang = theme.lang;
  return (
    <Widget.Provider value={{ chat, strings, lang: theme.lang }}>
      <div lang={theme.lang} style={`--lc:${theme.color}`}>
        <App theme={theme} startOpen={options.open ?? false} />
      </div>
    </Widget.Provider>
  );
}

/** Takes the follow-up link's token out of the address bar, so a reload or a shared URL does not reuse it. */
function takeResumeToken(): string | null {
  const url = new URL(location.href);
  const token = url.searchParams.get(RESUME_QUERY_PARAM);
  if (token) {
    url.searchParams.delete(RESUME_QUERY_PARAM);
    history.replaceState(history.state, '', url.toString());
  }
  return token;
}

/** Adds the widget to the page, in a shadow root the site's CSS cannot reach. */
export function mountLivechatWidget(options: WidgetOptions): WidgetHandle {
  const host = document.createElement('livechat-widget');
  const shadow = host.attachShadow({ mode: 'open' });
  if (
    'adoptedStyleSheets' in shadow &&
    typeof CSSStyleSheet !== 'undefined' &&
    'replaceSync' in CSSStyleSheet.prototype
  ) {
    // A constructed sheet is not an inline <style>, so a strict style-src CSP on the site still allows it.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = css;
    shadow.appendChild(style);
  }
  document.body.appendChild(host);

  const storageKey = options.storageKey ?? 'livechat';
  const client = createLivechatClient({ url: options.url, storageKey });
  const proactive = new ProactiveMessages(defaultStorage(), `${storageKey}:proactive`);
  const chat = new ChatController(client, proactive);
  render(<Root chat={chat} options={options} />, shadow);
  void chat.init(takeResumeToken());
  // After the resume token left the address: it is not recorded with the page.
  const stopTracking = trackPageViews(client);

  return {
    controller: chat,
    unmount() {
      render(null, shadow);
      proactive.stop();
      stopTracking();
      client.close();
      host.remove();
    },
  };
}

// Loaded by `<script src="…/api/livechat/widget.js">`: mount from the tag's data- attributes.
const script = typeof document !== 'undefined' ? (document.currentScript as HTMLScriptElement | null) : null;
if (script?.src && /\/widget\.js(\?|$)/.test(script.src)) {
  const start = () => mountLivechatWidget(optionsFromScript(script));
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
}
