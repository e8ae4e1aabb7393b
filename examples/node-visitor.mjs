// A visitor in a Node script, through the headless client: ask the bot, then (with --human) ask for a
// person, wait for their reply, end and rate. Run against the demo:
//   LIVECHAT_URL=http://localhost:1337 node examples/node-visitor.mjs "How long does delivery take?" --human
import { createLivechatClient } from 'strapi-plugin-livechat/client';

const url = process.env.LIVECHAT_URL ?? 'http://localhost:1337';
const question = process.argv[2] ?? 'How long does delivery take?';
const wantsHuman = process.argv.includes('--human');

// In Node the session lives in memory; pass `storage` to keep it in a file or a database instead.
const client = createLivechatClient({ url });

/** The next stored message in the conversation written by `authorKind`. */
const nextMessage = (conversationId, authorKind) =>
  new Promise((resolve) => {
    const stop = client.on('message', (message) => {
      if (message.conversationId !== conversationId || message.authorKind !== authorKind) return;
      stop();
      resolve(message);
    });
  });

await client.start({ name: 'Node script' });
const conversation = await client.startConversation();

const botAnswer = nextMessage(conversation.id, 'bot');
await client.send(conversation.id, question);
const answer = await botAnswer;
console.log(`bot: ${answer.text}`);
for (const source of answer.sources) console.log(`  source: ${source.title}${source.url ? ` <${source.url}>` : ''}`);

if (wantsHuman) {
  const agentReply = nextMessage(conversation.id, 'agent');
  await client.requestHuman(conversation.id);
  const { position } = await client.queuePosition(conversation.id);
  console.log(`waiting for an agent (number ${position} in the queue)`);
  const reply = await agentReply;
  console.log(`${reply.authorName}: ${reply.text}`);
  await client.end(conversation.id);
  await client.rate(conversation.id, 5, 'Thanks!');
  console.log('ended and rated 5/5');
}

client.close();
