// Compiled by `npm run typecheck` (never run): a client call that does not match its contract is a type
// error. Each `@ts-expect-error` fails the typecheck if the line below it ever compiles.
import {
  AssignConversation,
  GiveFeedback,
  ListConversations,
  PickConversation,
  type Route,
  type RouteInput,
} from '../../plugin/contracts';

declare function call<R extends Route>(route: R, input: RouteInput<R>): void;

call(PickConversation.route, { params: { id: 1 } });
// @ts-expect-error the path parameter is missing
call(PickConversation.route, {});
// @ts-expect-error `conversationId` is not the route's parameter
call(PickConversation.route, { params: { conversationId: 1 } });
call(GiveFeedback.route, { params: { id: 1, messageId: 2 }, body: { helpful: true } });
// @ts-expect-error the body is required
call(GiveFeedback.route, { params: { id: 1, messageId: 2 } });
call(AssignConversation.route, { params: { id: 1 }, body: { agentId: 2 } });
// @ts-expect-error the body names the agent as `agentId`
call(AssignConversation.route, { params: { id: 1 }, body: { agent: 2 } });
call(ListConversations.route, { query: { status: 'queued' } });
// @ts-expect-error a route without a body takes none
call(PickConversation.route, { params: { id: 1 }, body: { id: 1 } });
