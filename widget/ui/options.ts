import type { WidgetConfig } from '../../plugin';

/** How a site configures the widget: `data-` attributes on the script tag, or `mountLivechatWidget(options)`. */
export interface WidgetOptions {
  /** Base URL of the Strapi server; by default where the script was loaded from. */
  url: string;
  title?: string;
  /** `#rrggbb` */
  color?: string;
  position?: 'left' | 'right';
  greeting?: string;
  /** Built-in interface language: `en`, `fr` or `de`; overrides the admin's `language` (its string overrides still apply). */
  lang?: string;
  /** Opens the panel once loaded. */
  open?: boolean;
  /** Storage key of the visitor session (two widgets of different help desks on one site need two). */
  storageKey?: string;
}

const COLOR = /^#[0-9a-fA-F]{6}$/;

/** Reads the `data-` attributes of the widget's script tag (`data-title`, `data-color`, `data-position`…). */
export function optionsFromScript(script: HTMLScriptElement): WidgetOptions {
  const data = script.dataset;
  const src = new URL(script.src, document.baseURI);
  // `…/api/livechat/widget.js` → the server's base URL, wherever the plugin's API is mounted.
  const url = data.url ?? src.origin + src.pathname.replace(/\/api\/livechat\/widget\.js$/, '');
  return {
    url,
    title: data.title,
    color: data.color && COLOR.test(data.color) ? data.color : undefined,
    position: data.position === 'left' || data.position === 'right' ? data.position : undefined,
    greeting: data.greeting,
    lang: data.lang,
    open: data.open === 'true',
    storageKey: data.storageKey,
  };
}

/** What the widget draws with: the admin's settings, overridden by what the page itself asked for. */
export type Theme = Omit<WidgetConfig.Response, 'online'> & { lang: string };

/** Defaults used until (or if never) the server's widget settings arrive. */
export const fallbackConfig: WidgetConfig.Response = {
  title: 'Chat with us',
  greeting: 'Hi! How can we help?',
  color: '#4945ff',
  position: 'right',
  offlineMessage: 'We are away right now. Leave your email and we will get back to you.',
  preChatFields: [],
  language: 'auto',
  strings: {},
  waitingMessage: 'Thanks! An agent will be with you shortly.',
  online: false,
  withinBusinessHours: true,
  opensAt: null,
  attachments: { maxBytes: 5 * 1024 * 1024, allowedTypes: [] },
  proactiveRules: [],
  originAllowed: true,
};

const browserLanguage = () => (typeof navigator === 'undefined' ? 'en' : navigator.language);

/** Merges the server's settings with the page's options (the page wins: it is the more specific choice). */
export function themeFrom(config: WidgetConfig.Response, options: WidgetOptions): Theme {
  return {
    ...config,
    title: options.title ?? config.title,
    color: options.color ?? config.color,
    position: options.position ?? config.position,
    greeting: options.greeting ?? config.greeting,
    lang: options.lang ?? (config.language !== 'auto' ? config.language : browserLanguage()),
  };
}
