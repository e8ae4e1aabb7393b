// A custom chat UI in React on the headless client (shown in the README, run by tests/browser/react-example.test.ts).
import { useEffect, useState, type FormEvent } from 'react';
import type { LivechatClient, Message, VisitorConversation } from 'strapi-plugin-livechat/client';

const author = (message: Message) =>
  message.authorKind === 'agent' ? (message.authorName ?? 'Agent') : message.authorKind === 'bot' ? 'Bot' : 'You';

export function SupportChat({ client }: { client: LivechatClient }) {
  const [conversation, setConversation] = useState<VisitorConversation | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [draft, setDraft] = useState('');
  const id = conversation?.id;

  useEffect(() => {
    if (id === undefined) return;
    // History first, then live: every stored message arrives once, whether by ack, push or replay.
    void client.messages(id).then(setMessages);
    const stops = [
      client.on('message', (message) => message.conversationId === id && setMessages(client.timeline(id))),
      client.on('conversation', (changed) => changed.id === id && setConversation(changed)),
    ];
    return () => stops.forEach((stop) => stop());
  }, [client, id]);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    setDraft('');
    const target = conversation ?? (await client.startConversation());
    setConversation(target);
    await client.send(target.id, text); // resolves once stored; resent with the same clientId until then
  };

  return (
    <section aria-label="Support chat">
      <ol aria-live="polite">
        {messages.map((message) => (
          <li key={message.id}>
            <strong>{author(message)}:</strong> {message.text}
            {message.sources.map(
              (source) =>
                source.url?.startsWith('https://') && (
                  <a key={source.id} href={source.url}>
                    {' '}
                    {source.title}
                  </a>
                ),
            )}
          </li>
        ))}
      </ol>
      {conversation?.status === 'bot' && (
        <button type="button" onClick={() => void client.requestHuman(conversation.id)}>
          Talk to a human
        </button>
      )}
      {conversation?.status === 'open' && <p>{conversation.assignee?.name} is here to help.</p>}
      <form onSubmit={send}>
        <input aria-label="Message" value={draft} onChange={(event) => setDraft(event.target.value)} />
        <button type="submit">Send</button>
      </form>
    </section>
  );
}
