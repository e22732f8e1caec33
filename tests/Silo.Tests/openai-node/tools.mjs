// Sends tool-calling chats through the official OpenAI client: tool definitions and a history of tool calls and tool
// results, whole and streamed, and forced tool choices (named, streamed too, and required); prints what came back as one JSON object.
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

// Forced choices run through the constrained decoder: even random weights must produce a call that fits the schema.
const forcedTools = JSON.parse(process.env.PLATFORM_FORCED_TOOLS);
const forcedMessages = [{ role: 'user', content: 'Pick a unit.' }];
const named = await client.chat.completions.create({
  model, messages: forcedMessages, tools: forcedTools, tool_choice: { type: 'function', function: { name: 'set_unit' } }, max_tokens: 64,
});
let namedStreamArgs = '';
let namedStreamName = null;
let namedStreamFinish = null;
const namedStream = await client.chat.completions.create({
  model, messages: forcedMessages, tools: forcedTools, tool_choice: { type: 'function', function: { name: 'set_unit' } }, max_tokens: 64, stream: true,
});
for await (const chunk of namedStream) {
  for (const choice of chunk.choices) {
    for (const call of choice.delta?.tool_calls ?? []) {
      if (call.function?.name) namedStreamName = call.function.name;
      namedStreamArgs += call.function?.arguments ?? '';
    }
    if (choice.finish_reason) namedStreamFinish = choice.finish_reason;
  }
}
const required = await client.chat.completions.create({
  model, messages: forcedMessages, tools: forcedTools, tool_choice: 'required', parallel_tool_calls: false, max_tokens: 400, seed: 7,
});

console.log(JSON.stringify({
  whole: { content: whole.choices[0].message.content, tool_calls: whole.choices[0].message.tool_calls ?? null, finish_reason: whole.choices[0].finish_reason, usage: whole.usage },
  stream: { text: streamedText, tool_calls: streamedCalls, finish_reason: finishReason, usage: streamUsage },
  named: { tool_calls: named.choices[0].message.tool_calls ?? null, content: named.choices[0].message.content, finish_reason: named.choices[0].finish_reason },
  named_stream: { name: namedStreamName, arguments: namedStreamArgs, finish_reason: namedStreamFinish },
  required: { tool_calls: required.choices[0].message.tool_calls ?? null, finish_reason: required.choices[0].finish_reason },
}));
