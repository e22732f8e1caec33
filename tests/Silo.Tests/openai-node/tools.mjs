// Sends tool-calling chats through the official OpenAI client: tool definitions and a history of tool calls and tool
// results, whole and streamed, and a forced tool choice; prints what came back as one JSON object.
import OpenAI from 'openai';

const baseURL = process.env.PLATFORM_BASE_URL;
if (!baseURL) {
  console.error('PLATFORM_BASE_URL is not set');
  process.exit(2);
}
const client = new OpenAI({ baseURL: `${baseURL}/v1`, apiKey: 'unused', maxRetries: 0 });
const model = (await client.models.list()).data[0].id;

const tools = JSON.parse(process.env.PLATFORM_TOOLS);
const messages = JSON.parse(process.env.PLATFORM_MESSAGES);

const whole = await client.chat.completions.create({ model, messages, tools, tool_choice: 'auto', max_tokens: 8, temperature: 0 });

let streamedText = '';
let finishReason = null;
const streamedCalls = [];
const stream = await client.chat.completions.create({
  model, messages, tools, parallel_tool_calls: false, max_tokens: 8, temperature: 0, stream: true, stream_options: { include_usage: true },
});
let streamUsage = null;
for await (const chunk of stream) {
  if (chunk.usage) streamUsage = chunk.usage;
  for (const choice of chunk.choices) {
    if (choice.delta?.content) streamedText += choice.delta.content;
    for (const call of choice.delta?.tool_calls ?? []) streamedCalls.push(call);
    if (choice.finish_reason) finishReason = choice.finish_reason;
  }
}

let forced = null;
try {
  await client.chat.completions.create({ model, messages, tools, tool_choice: 'required', max_tokens: 8 });
  forced = { status: 200 };
} catch (error) {
  forced = { status: error.status, code: error.code, param: error.param };
}

console.log(JSON.stringify({
  whole: { content: whole.choices[0].message.content, tool_calls: whole.choices[0].message.tool_calls ?? null, finish_reason: whole.choices[0].finish_reason, usage: whole.usage },
  stream: { text: streamedText, tool_calls: streamedCalls, finish_reason: finishReason, usage: streamUsage },
  forced,
}));
