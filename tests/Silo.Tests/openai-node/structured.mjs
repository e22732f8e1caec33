// Asks a running Platform server for structured outputs through the official OpenAI client and prints what came back
// as one JSON object; the C# test validates each output against its schema.
import OpenAI from 'openai';

const baseURL = process.env.PLATFORM_BASE_URL;
if (!baseURL) {
  console.error('PLATFORM_BASE_URL is not set');
  process.exit(2);
}
const client = new OpenAI({ baseURL: `${baseURL}/v1`, apiKey: process.env.PLATFORM_API_KEY ?? 'unused', maxRetries: 0 });
const model = process.env.PLATFORM_MODEL;
const schema = JSON.parse(process.env.PLATFORM_SCHEMA);
const messages = [{ role: 'user', content: 'Describe a person as JSON.' }];
const jsonSchema = { type: 'json_schema', json_schema: { name: 'person', schema, strict: true } };

const whole = [];
for (const seed of [1, 2, 3]) {
  const chat = await client.chat.completions.create({ model, messages, response_format: jsonSchema, seed, temperature: 1, max_tokens: 400 });
  whole.push({ text: chat.choices[0].message.content, finish_reason: chat.choices[0].finish_reason, parsed: JSON.parse(chat.choices[0].message.content) });
}

let streamed = '';
let streamFinish = null;
const stream = await client.chat.completions.create({ model, messages, response_format: jsonSchema, seed: 4, temperature: 1, max_tokens: 400, stream: true });
for await (const chunk of stream) {
  for (const choice of chunk.choices) {
    if (choice.delta?.content) streamed += choice.delta.content;
    if (choice.finish_reason) streamFinish = choice.finish_reason;
  }
}

const jsonObject = [];
for (const seed of [1, 2, 3]) {
  const chat = await client.chat.completions.create({ model, messages, response_format: { type: 'json_object' }, seed, temperature: 1, max_tokens: 60 });
  jsonObject.push({ text: chat.choices[0].message.content, finish_reason: chat.choices[0].finish_reason });
}

const completion = await client.completions.create({ model, prompt: 'A person:', response_format: jsonSchema, seed: 5, temperature: 1, max_tokens: 400 });

const choice = await client.chat.completions.create({ model, messages, structured_outputs: { choice: ['yes', 'no', 'maybe'] }, seed: 6, temperature: 1, max_tokens: 10 });

let refusal = null;
try {
  await client.chat.completions.create({ model, messages, max_tokens: 5,
    response_format: { type: 'json_schema', json_schema: { name: 'bad', schema: { type: 'object', properties: { email: { type: 'string', format: 'email' } } } } } });
} catch (error) {
  refusal = { status: error.status, param: error.param, code: error.code, message: error.message };
}

console.log(JSON.stringify({
  whole,
  stream: { text: streamed, finish_reason: streamFinish },
  json_object: jsonObject,
  completion: { text: completion.choices[0].text, finish_reason: completion.choices[0].finish_reason },
  choice: { text: choice.choices[0].message.content, finish_reason: choice.choices[0].finish_reason },
  refusal,
}));
