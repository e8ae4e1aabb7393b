import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { ChatController, ChatState } from './chat';
import { format, type StringKey, type Strings } from '../../plugin/widget-strings';

/** What every part of the widget reads: the controller and the interface strings. */
export interface WidgetContext {
  chat: ChatController;
  strings: Strings;
  /** The widget's language, for dates and times. */
  lang: string;
}

export const Widget = createContext<WidgetContext>(null as unknown as WidgetContext);

/** The controller's state, re-rendering on every change. */
export function useChatState(chat: ChatController): ChatState {
  const [state, setState] = useState(chat.state);
  useEffect(() => {
    const unsubscribe = chat.subscribe(() => setState(chat.state));
    // Effects run after the first paint: catch up with any change made before the subscription.
    setState(chat.state);
    return unsubscribe;
  }, [chat]);
  return state;
}

/** `t('typing', { name })`: a string of the widget's language, with placeholders filled. */
export function useT() {
  const { strings } = useContext(Widget);
  return (key: StringKey, values: Record<string, string | number> = {}) => format(strings[key], values);
}
