import { Box, Button, Flex, Link, Loader, Typography } from '@strapi/design-system';
import { Lightbulb } from '@strapi/icons';
import { useEffect, useState } from 'react';
import type { Message } from '../../../plugin/contracts/entities';
import type { ConversationHint } from '../../../plugin/contracts/failed-responses';
import { useLivechatApi } from '../api';
import { useTr } from '../i18n';
import { safeUrl } from '../safe-url';

/**
 * The knowledge service's suggested answer to the visitor's latest message, with its sources;
 * "Insert" puts it into the composer for editing. Asked again whenever the visitor writes.
 */
export function HintPanel({
  conversationId,
  lastVisitorMessageId,
  onInsert,
  canInsert,
}: {
  conversationId: number;
  lastVisitorMessageId: number | null;
  onInsert(text: string): void;
  canInsert: boolean;
}) {
  const tr = useTr();
  const api = useLivechatApi();
  const [hint, setHint] = useState<ConversationHint.Response | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (lastVisitorMessageId === null) return;
    let current = true;
    setLoading(true);
    void api.hint(conversationId).then((answer) => {
      if (!current) return;
      setLoading(false);
      if ('error' in answer) {
        setError(answer.error);
        setHint(null);
      } else {
        setError(null);
        setHint(answer.hint);
      }
    });
    return () => {
      current = false;
    };
  }, [api, conversationId, lastVisitorMessageId]);

  const suggestion = hint?.suggestion ?? null;
  return (
    <Box
      tag="section"
      background="neutral0"
      hasRadius
      shadow="tableShadow"
      padding={4}
      aria-labelledby="livechat-hint-title"
    >
      <Flex gap={2} paddingBottom={2}>
        <Lightbulb aria-hidden />
        <Typography variant="delta" tag="h2" id="livechat-hint-title">
          {tr('hint.title', 'Suggested answer')}
        </Typography>
        {loading && <Loader small>{tr('hint.loading', 'Looking for an answer…')}</Loader>}
      </Flex>
      {error && (
        <Typography textColor="danger600" role="alert">
          {tr('hint.error', 'No suggestion: {message}', { message: error })}
        </Typography>
      )}
      {!error && lastVisitorMessageId === null && (
        <Typography textColor="neutral600">
          {tr('hint.waiting', 'Suggestions appear when the visitor writes.')}
        </Typography>
      )}
      {!error && hint && !suggestion && (
        <Typography textColor="neutral600">
          {tr('hint.none', 'The knowledge base has no confident answer to the last question.')}
        </Typography>
      )}
      {suggestion && (
        <Flex direction="column" alignItems="stretch" gap={2}>
          {hint?.question && (
            <Typography variant="pi" textColor="neutral600">
              {tr('hint.question', 'For: “{question}”', { question: hint.question })}
            </Typography>
          )}
          <Typography tag="p" style={{ whiteSpace: 'pre-wrap' }} data-hint-text>
            {suggestion.text}
          </Typography>
          {suggestion.sources.length > 0 && (
            <Flex direction="column" alignItems="flex-start" gap={1}>
              {suggestion.sources.map((source) =>
                safeUrl(source.url) ? (
                  <Link key={source.id} href={safeUrl(source.url)!} isExternal>
                    {source.title}
                  </Link>
                ) : (
                  <Typography key={source.id} variant="pi">
                    {source.title}
                  </Typography>
                ),
              )}
            </Flex>
          )}
          <Flex justifyContent="space-between">
            <Typography variant="pi" textColor="neutral600">
              {tr('hint.confidence', 'Confidence {value}%', { value: Math.round(suggestion.confidence * 100) })}
            </Typography>
            {canInsert && (
              <Button size="S" variant="secondary" onClick={() => onInsert(suggestion.text)}>
                {tr('hint.insert', 'Insert')}
              </Button>
            )}
          </Flex>
        </Flex>
      )}
    </Box>
  );
}

/** The id of the visitor's latest message (what the hint answers). */
export const lastVisitorMessageId = (messages: Message[]) =>
  [...messages].reverse().find((message) => message.authorKind === 'visitor')?.id ?? null;
