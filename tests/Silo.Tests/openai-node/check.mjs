// Drives a running Platform server with the official OpenAI client and prints what it saw as one JSON object.
// The C# end-to-end test starts the server, runs this script, and asserts on the JSON.
import OpenAI from 'openai';

const baseURL = process.env.PLATFORM_BASE_URL;
if (!baseURL) {
  console.error('PLATFORM_BASE_URL is not set');
  process.exit(2);
}
const client = new OpenAI({ baseURL: `${baseURL}/v1`, apiKey: process.env.PLATFORM_API_KEY ?? 'unused', maxRetries: 0 });

const models = await client.models.list();
const model = models.data[0].id;
const messages = [{ role: 'user', content: 'Tell me a story about a cat.' }];

const chat = await client.chat.completions.create({ model, messages, max_tokens: 12, temperature: 0 });

let streamedText = '';
let firstRole = null;
let finishReason = null;
let streamUsage = null;
let chunkCount = 0;
const stream = await client.chat.completions.create({
  model, messages, max_tokens: 12, temperature: 0, stream: true, stream_options: { include_usage: true },
});
for await (const chunk of stream) {
  chunkCount++;
  if (chunk.usage) streamUsage = chunk.usage;
  for (const choice of chunk.choices) {
    if (choice.delta?.role && firstRole === null) firstRole = choice.delta.role;
    if (choice.delta?.content) streamedText += choice.delta.content;
    if (choice.finish_reason) finishReason = choice.finish_reason;
  }
}

const completion = await client.completions.create({ model, prompt: 'Once upon a time', max_tokens: 8, temperature: 0 });

// What chat apps and benchmark clients send beside the basics (the SDK passes vLLM's ignore_eos through as is).
const fields = await client.chat.completions.create({
  model, messages: [{ role: 'developer', content: 'Be brief.' }, ...messages], n: 2, max_completion_tokens: 5,
  ignore_eos: true, logit_bias: { '2': 100 }, prompt_cache_key: 'node-check', safety_identifier: 'hash-1', user: 'node', temperature: 0,
});

console.log(JSON.stringify({
  models: models.data.map(m => m.id),
  chat: { text: chat.choices[0].message.content, role: chat.choices[0].message.role, finish_reason: chat.choices[0].finish_reason, usage: chat.usage },
  stream: { text: streamedText, first_role: firstRole, finish_reason: finishReason, usage: streamUsage, chunks: chunkCount },
  completion: { text: completion.choices[0].text, finish_reason: completion.choices[0].finish_reason, usage: completion.usage },
  fields: { finish_reasons: fields.choices.map(c => c.finish_reason), usage: fields.usage },
}));
