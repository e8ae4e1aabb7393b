/** @jsxImportSource preact */
import { render } from 'preact';
import { RESUME_QUERY_PARAM } from '../../plugin/contracts/widget';
import { createLivechatClient } from '../client';
import { App } from './app';
import { ChatController } from './chat';
import { useChatState, Widget } from './context';
import { optionsFromScript, themeFrom, type WidgetOptions } from './options';
import { stringsFor } from './strings';
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

  const client = createLivechatClient({ url: options.url, storageKey: options.storageKey });
  const chat = new ChatController(client);
  render(<Root chat={chat} options={options} />, shadow);
  void chat.init(takeResumeToken());

  return {
    controller: chat,
    unmount() {
      render(null, shadow);
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
