import { isFetchError, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { createContext, createElement, useContext, useMemo, type ReactNode } from 'react';
import {
  AcceptEscalation,
  AddNote,
  AddToKnowledgeBase,
  AgentSendMessage,
  AssignConversation,
  BroadcastFollowUp,
  CancelEscalation,
  CloseFailedResponse,
  ContactJourney,
  ConversationHint,
  DeleteContact,
  EndConversation,
  Escalate,
  GetContact,
  GetConversation,
  GetDeskSettings,
  GetFailedResponse,
  GetKnowledgeStatus,
  InstallInstructions,
  ListAgents,
  ListConversationMessages,
  ListConversations,
  ListEscalations,
  ListFailedResponses,
  ListOnlineAgents,
  MapToKnowledgeEntry,
  PickConversation,
  RejectEscalation,
  ReopenConversation,
  ReportSummary,
  SaveCannedMessage,
  SaveEndReason,
  SaveReplyToKnowledge,
  SaveTag,
  SaveTeam,
  SearchKnowledgeEntries,
  SendAttachment,
  SetConversationTags,
  StartAgentConversation,
  StartKnowledgeReindex,
  TakeOverConversation,
  TransferConversation,
  UpdateContact,
  UpdateDeskSettings,
  collectionRoutes,
  fillPath,
  queryString as routeQuery,
  type Route,
  type RouteInput,
  type RouteResponse,
} from '../../plugin/contracts';
import type { CannedMessage, EndReason, Tag, Team } from '../../plugin/contracts/entities';
import { PLUGIN_ID } from '../../plugin/id';
import type { StrapiWebhook } from '../../plugin/webhooks';

const base = `/${PLUGIN_ID}`;

/** Query parameters of a list route, as strings (empty values are dropped). */
export type ListParams = Record<string, string | undefined>;

/** `?a=1&b=x` of a list's set parameters (one rule with the route contracts). */
export const queryString = (params: ListParams) => routeQuery(params);

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

type FetchClient = ReturnType<typeof useFetchClient>;

/** A call's input: optional when the route has no path parameter and no body. */
type InputArgs<R extends Route> = object extends RouteInput<R> ? [input?: RouteInput<R>] : [input: RouteInput<R>];

/**
 * One request to the plugin's admin API, built from its contract route (method, path, parameters, query):
 * the answer's `data`. Throws Strapi's fetch error; `useLivechatApi` turns that into a notification.
 */
export async function sendRoute<R extends Route>(
  client: Pick<FetchClient, 'get' | 'post' | 'put' | 'del'>,
  route: R,
  ...[input]: InputArgs<R>
): Promise<RouteResponse<R>> {
  const url = `${base}${fillPath(route.path, input?.params)}${routeQuery(input?.query ?? undefined)}`;
  const body = (input?.body ?? {}) as object;
  const response =
    route.method === 'GET'
      ? await client.get(url)
      : route.method === 'DELETE'
        ? await client.del(url)
        : route.method === 'POST'
          ? await client.post(url, body)
          : await client.put(url, body);
  return ((response.data as { data?: unknown } | undefined)?.data ?? null) as RouteResponse<R>;
}

/** The API bound to the calling component: Strapi's fetch client aborts its requests when that unmounts. */
function useComponentApi() {
  const client = useFetchClient();
  const { toggleNotification } = useNotification();

  return useMemo(() => {
    const notify = (message: string, type: 'success' | 'danger' = 'danger') => toggleNotification({ type, message });

    /** The answer's `data`, or null after showing the server's message (which names the field). */
    async function send<R extends Route>(route: R, ...input: InputArgs<R>): Promise<RouteResponse<R> | null> {
      try {
        return await sendRoute(client, route, ...input);
      } catch (error) {
        if (!isAbort(error)) notify(errorMessage(error));
        return null;
      }
    }

    /** Whether the request succeeded (a DELETE answers no data), after showing the server's message if not. */
    const succeeds = async <R extends Route>(route: R, ...input: InputArgs<R>) => {
      try {
        await sendRoute(client, route, ...input);
        return true;
      } catch (error) {
        if (!isAbort(error)) notify(errorMessage(error));
        return false;
      }
    };

    const id = (value: number) => ({ params: { id: value } });

    /** CRUD for one settings collection (tags, canned messages, end reasons, teams), typed by its contract. */
    const collection = <Entity, Input>(routes: ReturnType<ReturnType<typeof collectionRoutes<Entity, Input>>>) => {
      // The four routes share one shape (`…/:id`), which TypeScript cannot follow through the generic path.
      const loose = send as (route: Route, input?: { params?: object; body?: unknown }) => Promise<unknown>;
      const looseOk = succeeds as (route: Route, input?: { params?: object }) => Promise<boolean>;
      return {
        list: () => loose(routes.list) as Promise<{ results: Entity[] } | null>,
        create: (input: Input) => loose(routes.create, { body: input }) as Promise<Entity | null>,
        update: (entityId: number, input: Partial<Input>) =>
          loose(routes.update, { params: { id: entityId }, body: input }) as Promise<Entity | null>,
        remove: (entityId: number) => looseOk(routes.remove, { params: { id: entityId } }),
      };
    };

    return {
      notify,

      // List filters come from the page's state as strings; the server validates them against the contract.
      listConversations: (params: ListParams) =>
        send(ListConversations.route, { query: params as ListConversations.Request }),
      getConversation: (conversationId: number) => send(GetConversation.route, id(conversationId)),
      listMessages: (conversationId: number, after = 0) =>
        send(ListConversationMessages.route, { ...id(conversationId), query: { after, limit: 500 } }),
      sendMessage: (conversationId: number, text: string, clientId: string) =>
        send(AgentSendMessage.route, { ...id(conversationId), body: { clientId, text } }),
      pick: (conversationId: number) => send(PickConversation.route, id(conversationId)),
      takeOver: (conversationId: number) => send(TakeOverConversation.route, id(conversationId)),
      assign: (conversationId: number, input: AssignConversation.Request) =>
        send(AssignConversation.route, { ...id(conversationId), body: input }),
      reopen: (conversationId: number) => send(ReopenConversation.route, id(conversationId)),
      transfer: (conversationId: number, input: TransferConversation.Request) =>
        send(TransferConversation.route, { ...id(conversationId), body: input }),
      end: (conversationId: number, reasonId: number, note?: string) =>
        send(EndConversation.route, { ...id(conversationId), body: note ? { reasonId, note } : { reasonId } }),
      setTags: (conversationId: number, tagIds: number[]) =>
        send(SetConversationTags.route, { ...id(conversationId), body: { tagIds } }),
      addNote: (conversationId: number, text: string) => send(AddNote.route, { ...id(conversationId), body: { text } }),
      escalate: (conversationId: number, input: Escalate.Request) =>
        send(Escalate.route, { ...id(conversationId), body: input }),
      uploadAttachment: (conversationId: number, file: File, clientId: string) => {
        const form = new FormData();
        form.append('clientId', clientId);
        form.append('file', file);
        return send(SendAttachment.routes.agent, { ...id(conversationId), body: form });
      },
      /** The knowledge service's suggestion; failures are returned (shown in the panel), not notified. */
      async hint(conversationId: number): Promise<{ hint: ConversationHint.Response } | { error: string }> {
        try {
          return { hint: await sendRoute(client, ConversationHint.route, id(conversationId)) };
        } catch (error) {
          return { error: errorMessage(error) };
        }
      },

      listEscalations: (params: ListParams) =>
        send(ListEscalations.route, { query: params as RouteInput<typeof ListEscalations.route>['query'] }),
      acceptEscalation: (escalationId: number) => send(AcceptEscalation.route, id(escalationId)),
      rejectEscalation: (escalationId: number, reason: string) =>
        send(RejectEscalation.route, { ...id(escalationId), body: { reason } }),
      cancelEscalation: (escalationId: number) => send(CancelEscalation.route, id(escalationId)),

      getContact: (contactId: number) => send(GetContact.route, id(contactId)),
      updateContact: (contactId: number, input: UpdateContact.Request) =>
        send(UpdateContact.route, { ...id(contactId), body: input }),
      contactJourney: (contactId: number) => send(ContactJourney.route, id(contactId)),
      deleteContact: (contactId: number) => succeeds(DeleteContact.route, id(contactId)),
      startConversation: (contactId: number) => send(StartAgentConversation.route, { body: { contactId } }),

      listAgents: () => send(ListAgents.route),
      onlineAgents: () => send(ListOnlineAgents.route),
      reportSummary: (params: ListParams) => send(ReportSummary.route, { query: params as ReportSummary.Request }),
      getSettings: () => send(GetDeskSettings.route),
      updateSettings: (input: UpdateDeskSettings.Request) => send(UpdateDeskSettings.route, { body: input }),
      installInstructions: () => send(InstallInstructions.route),
      knowledgeStatus: () => send(GetKnowledgeStatus.route),
      reindexKnowledge: () => send(StartKnowledgeReindex.route),
      tags: collection<Tag, SaveTag.Request>(SaveTag.routes),
      cannedMessages: collection<CannedMessage, SaveCannedMessage.Request>(SaveCannedMessage.routes),
      endReasons: collection<EndReason, SaveEndReason.Request>(SaveEndReason.routes),
      teams: collection<Team, SaveTeam.Request>(SaveTeam.routes),

      /** The failed-response review (Failed responses page, "Save to knowledge" in a conversation). */
      failedResponses: {
        list: (params: ListParams) => send(ListFailedResponses.route, { query: params as ListFailedResponses.Request }),
        get: (failedResponseId: number) => send(GetFailedResponse.route, id(failedResponseId)),
        addToKnowledgeBase: (failedResponseId: number, input: AddToKnowledgeBase.Request) =>
          send(AddToKnowledgeBase.route, { ...id(failedResponseId), body: input }),
        saveReplyToKnowledge: (conversationId: number, input: SaveReplyToKnowledge.Request) =>
          send(SaveReplyToKnowledge.route, { ...id(conversationId), body: input }),
        map: (failedResponseId: number, input: MapToKnowledgeEntry.Request) =>
          send(MapToKnowledgeEntry.route, { ...id(failedResponseId), body: input }),
        resolve: (failedResponseId: number) => send(CloseFailedResponse.routes.resolve, id(failedResponseId)),
        dismiss: (failedResponseId: number) => send(CloseFailedResponse.routes.dismiss, id(failedResponseId)),
        broadcast: (failedResponseId: number, input: BroadcastFollowUp.Request) =>
          send(BroadcastFollowUp.route, { ...id(failedResponseId), body: input }),
        searchEntries: (q: string) => send(SearchKnowledgeEntries.route, { query: { q } }),
      },

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
        async update({ id: webhookId, ...webhook }: StrapiWebhook): Promise<StrapiWebhook | null> {
          try {
            return ((await client.put(`/admin/webhooks/${webhookId}`, webhook)).data as { data: StrapiWebhook }).data;
          } catch (error) {
            if (!isAbort(error)) notify(errorMessage(error));
            return null;
          }
        },
      },

      /** Downloads a CSV export (transcript or report); a refusal shows the server's message. */
      async download<R extends Route<'GET', string, string>>(
        route: R,
        input: RouteInput<R>,
        fallbackName: string,
      ): Promise<boolean> {
        try {
          const path = `${base}${fillPath(route.path, input.params)}${routeQuery(input.query ?? undefined)}`;
          const response = await client.get<Blob>(path, { responseType: 'blob', validateStatus: () => true });
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

/** The failed-response review part of the API, for the Failed responses pages (outside the inbox's provider). */
export function useFailedResponsesApi() {
  const api = useLivechatApi();
  return useMemo(() => ({ ...api.failedResponses, notify: api.notify }), [api]);
}

export type FailedResponsesApi = ReturnType<typeof useFailedResponsesApi>;
