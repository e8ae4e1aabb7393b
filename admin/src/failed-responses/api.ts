import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useMemo } from 'react';
import type { FailedResponse, Page } from '../../../plugin/contracts/entities';
import type {
  AddToKnowledgeBase,
  BroadcastFollowUp,
  GetFailedResponse,
  MapToKnowledgeEntry,
  SaveReplyToKnowledge,
  SearchKnowledgeEntries,
} from '../../../plugin/contracts/failed-responses';
import { PLUGIN_ID } from '../../../plugin/id';
import { errorMessage, queryString, type ListParams } from '../api';

const base = `/${PLUGIN_ID}`;

/**
 * The failed-response review API, typed by plugin/contracts/failed-responses. Each call resolves with the
 * answer's `data`, or `null` after showing the server's message (which names the field) as a notification.
 */
export function useFailedResponsesApi() {
  const client = useFetchClient();
  const { toggleNotification } = useNotification();

  return useMemo(() => {
    const notify = (message: string, type: 'success' | 'danger' = 'danger') => toggleNotification({ type, message });

    async function call<T>(run: () => Promise<{ data: unknown }>): Promise<T | null> {
      try {
        return ((await run()).data as { data: T }).data;
      } catch (error) {
        if (!(error instanceof Error && error.name === 'AbortError')) notify(errorMessage(error));
        return null;
      }
    }
    const get = <T>(path: string) => call<T>(() => client.get(`${base}${path}`));
    const post = <T>(path: string, body: object = {}) => call<T>(() => client.post(`${base}${path}`, body));

    return {
      notify,
      list: (params: ListParams) => get<Page<FailedResponse>>(`/failed-responses${queryString(params)}`),
      get: (id: number) => get<GetFailedResponse.Response>(`/failed-responses/${id}`),
      addToKnowledgeBase: (id: number, input: AddToKnowledgeBase.Request) =>
        post<AddToKnowledgeBase.Response>(`/failed-responses/${id}/knowledge-entry`, input),
      saveReplyToKnowledge: (conversationId: number, input: SaveReplyToKnowledge.Request) =>
        post<SaveReplyToKnowledge.Response>(`/conversations/${conversationId}/knowledge-entry`, input),
      map: (id: number, input: MapToKnowledgeEntry.Request) =>
        post<MapToKnowledgeEntry.Response>(`/failed-responses/${id}/map`, input),
      resolve: (id: number) => post<FailedResponse>(`/failed-responses/${id}/resolve`),
      dismiss: (id: number) => post<FailedResponse>(`/failed-responses/${id}/dismiss`),
      broadcast: (id: number, input: BroadcastFollowUp.Request) =>
        post<BroadcastFollowUp.Response>(`/failed-responses/${id}/broadcast`, input),
      searchEntries: (q: string) => get<SearchKnowledgeEntries.Response>(`/knowledge-entries${queryString({ q })}`),
    };
  }, [client, toggleNotification]);
}

export type FailedResponsesApi = ReturnType<typeof useFailedResponsesApi>;
