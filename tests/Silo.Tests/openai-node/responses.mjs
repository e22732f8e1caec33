// Drives the Responses API of a running Platform server with the official OpenAI client: create, a follow-up by
// previous_response_id, a streamed follow-up, retrieve, delete. Prints what it saw as one JSON object for the C# test.
import OpenAI from 'openai';

const baseURL = process.env.PLATFORM_BASE_URL;
if (!baseURL) {
  console.error('PLATFORM_BASE_URL is not set');
  process.exit(2);
}
const client = new OpenAI({ baseURL: `${baseURL}/v1`, apiKey: process.env.PLATFORM_API_KEY ?? 'unused', maxRetries: 0 });
const model = (await client.models.list()).data[0].id;
const settings = { model, max_output_tokens: 16, temperature: 0 };

const first = await client.responses.create({
  ...settings, instructions: 'Be brief.', input: 'Tell me a story about a cat who lives in a lighthouse.',
});
const followUp = await client.responses.create({
  ...settings, instructions: 'Be brief.', previous_response_id: first.id,
  input: [{ role: 'user', content: [{ type: 'input_text', text: 'What happened next?' }] }],
});

const types = [];
let streamedText = '';
let streamedFinal = null;
const stream = await client.responses.create({
  ...settings, instructions: 'Be brief.', previous_response_id: followUp.id, input: 'And after that?', stream: true,
});
for await (const event of stream) {
  types.push(event.type);
  if (event.type === 'response.output_text.delta') streamedText += event.delta;
  if (event.type === 'response.completed' || event.type === 'response.incomplete') streamedFinal = event.response;
}

const retrieved = await client.responses.retrieve(followUp.id);
const deleted = await client.responses.delete(followUp.id);
let afterDelete = null;
try {
  await client.responses.retrieve(followUp.id);
} catch (error) {
  afterDelete = { status: error.status, type: error.type ?? error.error?.type ?? null };
}

// output_text is the SDK's own (create and retrieve add it); a streamed response's text is read from its output items.
const summary = r => ({
  id: r.id, status: r.status, output_text: r.output_text ?? null, usage: r.usage, previous_response_id: r.previous_response_id,
  text: r.output.flatMap(item => item.content).map(part => part.text).join(''),
});
console.log(JSON.stringify({
  first: summary(first),
  follow_up: summary(followUp),
  stream: { types, text: streamedText, final: summary(streamedFinal) },
  retrieved: summary(retrieved),
  deleted: deleted ?? null,
  after_delete: afterDelete,
}));
