# Renders tool-conversations.json with Jinja2 the way Hugging Face's apply_chat_template sets it up (and with the
# message shaping vLLM applies: function.arguments parsed into an object), writing tool-renderings.expected.json.
# Run from this folder: python3 render_tool_goldens.py
import json
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.ext import loopcontrols

def raise_exception(message):
    raise ValueError(message)

def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)

env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[loopcontrols])
env.filters["tojson"] = tojson
env.globals["raise_exception"] = raise_exception

data = json.load(open("tool-conversations.json"))
out = []
for case in data["cases"]:
    messages = json.loads(json.dumps(case["messages"]))
    for m in messages:
        for call in m.get("tool_calls") or []:
            call["function"]["arguments"] = json.loads(call["function"]["arguments"])
    source = open(f"../../../../../shared/chat-templates/{case['template']}.jinja").read()
    text = env.from_string(source).render(messages=messages, tools=data["tools"], add_generation_prompt=True, bos_token="<s>", eos_token="</s>")
    out.append({"template": case["template"], "text": text})
json.dump(out, open("tool-renderings.expected.json", "w"), ensure_ascii=False, indent=1)
