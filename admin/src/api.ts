import { isFetchError, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { createContext, createElement, useContext, useMemo, type ReactNode } from 'react';
import type {
  AgentSummary,
  CannedMessage,
  Contact,
  Conversation,
  EndReason,
  Escalation,
  JourneyEvent,
  Message,
  Note,
  Tag,
  Team,
} from '../../plugin/contracts/entities';
import type {
  AssignConversation,
  Escalate,
  GetConversation,
  ListConversations,
  ListOnlineAgents,
  SaveCannedMessage,
  SaveEndReason,
  SaveTag,
  SaveTeam,
  TakeOverConversation,
  TransferConversation,
  UpdateContact,
} from '../../plugin/contracts/agent';
import type { ConversationHint } from '../../plugin/contracts/failed-responses';
import type { ReportSummary } from '../../plugin/contracts/reports';
import type { DeskSettings, UpdateDeskSettings } from '../../plugin/contracts/settings';
import { PLUGIN_ID } from '../../plugin/id';
import type { StrapiWebhook } from '../../plugin/webhooks';

const base = `/${PLUGIN_ID}`;

/** Query parameters of a list route, as strings (empty values are dropped). */
export type ListParams = Record<string, string | undefined>;

export const queryString = (params: ListParams) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
};

/** The server's own message for a failed request (Strapi's `{ error: { message } }` body), or the error's. */
export function errorMessage(error: unknown): string {
  if (isFetchError(error)) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

const isAbort = (error: unknown) => error instanceof Error && error.name === 'AbortError';

/** Reads a failed blob response (CSV download) as Strapi's JSON error body. */
async function blobError(blob: Blob, status: number): Promise<string> {
  try {
    const body = JSON.parse(await blob.text()) as { error?: { message?: string } };
    return body.error?.message ?? `Request failed with status ${status}`;
  } catch {
    return `Request failed with status ${status}`;
  }
}

/** Saves a blob as a file through a temporary link (the browser's download). */
function saveFile(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const filenameFrom = (disposition: string | null, fallback: string) =>
  /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '')?.[1] ?? fallback;

/** The API bound to the calling component: Strapi's fetch client aborts its requests when that unmounts. */
function useComponentApi() {
  const client = useFetchClient();
  const { toggleNotification } = useNotification();

  return useMemo(() => {
    const notify = (message: string) => toggleNotification({ type: 'danger', message });

    async function call<T>(run: () => Promise<{ data: unknown }>): Promise<T | null> {
      try {
        const response = await run();
        return ((response.data as { data?: T } | undefined)?.data ?? null) as T | null;
      } catch (error) {
        if (!isAbort(error)) notify(errorMessage(error));
        return null;
      }
    }

    const get = <T>(path: string) => call<T>(() => client.get(`${base}${path}`));
    const post = <T>(path: string, body: object = {}) => call<T>(() => client.post(`${base}${path}`, body));
    const put = <T>(path: string, body: object) => call<T>(() => client.put(`${base}${path}`, body));
    const remove = async (path: string) => {
      try {
        await client.del(`${base}${path}`);
        return true;
      } catch (error) {
        if (!isAbort(error)) notify(errorMessage(error));
        return false;
      }
    };

    /** CRUD for one settings collection (tags, canned messages, end reasons, teams). */
    const collection = <Entity, Input extends object>(path: string) => ({
      list: () => get<{ results: Entity[] }>(path),
      create: (input: Input) => post<Entity>(path, input),
      update: (id: number, input: Partial<Input>) => put<Entity>(`${path}/${id}`, input),
      remove: (id: number) => remove(`${path}/${id}`),
    });

    return {
      notify,

      listConversations: (params: ListParams) =>
        get<ListConversations.Response>(`/conversations${queryString(params)}`),
      getConversation: (id: number) => get<GetConversation.Response>(`/conversations/${id}`),
      listMessages: (id: number, after = 0) =>
        get<{ results: Message[]; hasMore: boolean }>(`/conversations/${id}/messages?after=${after}&limit=500`),
      sendMessage: (id: number, text: string, clientId: string) =>
        post<Message>(`/conversations/${id}/messages`, { clientId, text }),
      pick: (id: number) => post<Conversation>(`/conversations/${id}/pick`),
      takeOver: (id: number) => post<TakeOverConversation.Response>(`/conversations/${id}/take-over`),
      assign: (id: number, input: AssignConversation.Request) =>
        post<Conversation>(`/conversations/${id}/assign`, input),
      reopen: (id: number) => post<Conversation>(`/conversations/${id}/reopen`),
      transfer: (id: number, input: TransferConversation.Request) =>
        post<Conversation>(`/conversations/${id}/transfer`, input),
      end: (id: number, reasonId: number, note?: string) =>
        post<Conversation>(`/conversations/${id}/end`, note ? { reasonId, note } : { reasonId }),
      setTags: (id: number, tagIds: number[]) => put<Conversation>(`/conversations/${id}/tags`, { tagIds }),
      addNote: (id: number, text: string) => post<Note>(`/conversations/${id}/notes`, { text }),
      escalate: (id: number, input: Escalate.Request) => post<Escalation>(`/conversations/${id}/escalations`, input),
      uploadAttachment: (id: number, file: File, clientId: string) => {
        const form = new FormData();
        form.append('clientId', clientId);
        form.append('file', file);
        return call<Message>(() => client.post(`${base}/conversations/${id}/attachments`, form));
      },
      /** The knowledge service's suggestion; failures are returned (shown in the panel), not notified. */
      async hint(id: number): Promise<{ hint: ConversationHint.Response } | { error: string }> {
        try {
          const response = await client.get(`${base}/conversations/${id}/hint`);
          return { hint: (response.data as { data: ConversationHint.Response }).data };
        } catch (error) {
          return { error: errorMessage(error) };
        }
      },

      listEscalations: (params: ListParams) => get<{ results: Escalation[] }>(`/escalations${queryString(params)}`),
      acceptEscalation: (id: number) => post<Escalation>(`/escalations/${id}/accept`),
      rejectEscalation: (id: number, reason: string) => post<Escalation>(`/escalations/${id}/reject`, { reason }),
      cancelEscalation: (id: number) => post<Escalation>(`/escalations/${id}/cancel`),

      getContact: (id: number) => get<Contact>(`/contacts/${id}`),
      updateContact: (id: number, input: UpdateContact.Request) => put<Contact>(`/contacts/${id}`, input),
      contactJourney: (id: number) => get<{ results: JourneyEvent[] }>(`/contacts/${id}/journey`),
      deleteContact: (id: number) => remove(`/contacts/${id}`),
      startConversation: (contactId: number) => post<Conversation>('/conversations', { contactId }),

      listAgents: () => get<{ results: AgentSummary[] }>('/agents'),
      onlineAgents: () => get<ListOnlineAgents.Response>('/agents/online'),
      reportSummary: (params: ListParams) => get<ReportSummary.Response>(`/reports/summary${queryString(params)}`),
      getSettings: () => get<DeskSettings>('/settings'),
      updateSettings: (input: UpdateDeskSettings.Request) => put<DeskSettings>('/settings', input),
      tags: collection<Tag, SaveTag.Request>('/tags'),
      cannedMessages: collection<CannedMessage, SaveCannedMessage.Request>('/canned-messages'),
      endReasons: collection<EndReason, SaveEndReason.Request>('/end-reasons'),
      teams: collection<Team, SaveTeam.Request>('/teams'),

      /** Strapi's own webhooks (its `/admin/webhooks`, under its webhook permissions, not the plugin's). */
      strapiWebhooks: {
        /** Every webhook, or why not: a refusal is returned (shown in place), not notified. */
        async list(): Promise<{ webhooks: StrapiWebhook[] } | { error: string; forbidden: boolean }> {
          try {
            const response = await client.get('/admin/webhooks');
            return { webhooks: (response.data as { data: StrapiWebhook[] }).data };
          } catch (error) {
            const status = isFetchError(error) ? error.status : undefined;
            return { error: errorMessage(error), forbidden: status === 401 || status === 403 };
          }
        },
        /** Replaces the webhook's settings; Strapi's validator refuses an `id` in the body. */
        update: ({ id, ...webhook }: StrapiWebhook) =>
          call<StrapiWebhook>(() => client.put(`/admin/webhooks/${id}`, webhook)),
      },

      /** Downloads a CSV export; a refusal shows the server's message. */
      async download(path: string, fallbackName: string): Promise<boolean> {
        try {
          const response = await client.get<Blob>(`${base}${path}`, {
            responseType: 'blob',
            validateStatus: () => true,
          });
          const status = response.status ?? 200;
          if (status >= 400) {
            notify(await blobError(response.data, status));
            return false;
          }
          const disposition = response.headers?.get('content-disposition') ?? null;
          saveFile(response.data, filenameFrom(disposition, fallbackName));
          return true;
        } catch (error) {
          if (!isAbort(error)) notify(errorMessage(error));
          return false;
        }
      },
    };
  }, [client, toggleNotification]);
}

export type LivechatApi = ReturnType<typeof useComponentApi>;

const LivechatApiContext = createContext<LivechatApi | null>(null);

/**
 * Shares one API for the whole inbox. A request then outlives the component that made it: the row whose
 * "Accept" was clicked is often replaced by the socket's update before the answer arrives.
 */
export function LivechatApiProvider({ children }: { children: ReactNode }) {
  return createElement(LivechatApiContext.Provider, { value: useComponentApi() }, children);
}

/**
 * The live chat admin API, typed by the contracts in plugin/. Every call resolves with the `data` of the
 * answer, or `null` after showing the server's error message as a notification.
 */
export function useLivechatApi(): LivechatApi {
  const own = useComponentApi();
  return useContext(LivechatApiContext) ?? own;
}
