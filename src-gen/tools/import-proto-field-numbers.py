#!/usr/bin/env python3
"""Add each field's protobuf field number (`proto: N`) to Skiff's API schema.

Reads Kubernetes' `generated.proto` files (k8s.io/api core/v1, apps/v1, coordination/v1,
autoscaling/v1 and k8s.io/apimachinery pkg/apis/meta/v1) from a directory laid out by import path,
e.g. DIR/k8s.io/api/core/v1/generated.proto, and writes the numbers into the schema files in
place. Only the numbers are taken; nothing else of the .proto files reaches the repository.

Usage: python3 src-gen/tools/import-proto-field-numbers.py /tmp/protos src-gen/src/main/resources/dev/skiff/schema

A field the JSON inlines from an embedded Go struct (Volume's volume sources, Probe's handler,
the `name` of ConfigMapKeySelector) is one level down in protobuf, inside a message field that has
no JSON name of its own; such a field gets the path of numbers, outer first: `proto: [2, 1]`.

The `apiVersion` and `kind` fields of API objects get no number: protobuf bodies carry them once,
in the runtime.Unknown envelope's TypeMeta, not inside the object (references such as
OwnerReference do have them as fields, and get their numbers). Every other field must be found, or
the tool stops without writing, naming what is missing. A re-run replaces the numbers already
there. A message may appear more than once in the input (a later release's additions kept in a
second block); its fields are merged. The build never runs this.
"""
import os
import re
import sys

# Schema file group -> the proto package that holds its messages.
PROTO_FILES = {
    '': 'k8s.io/api/core/v1/generated.proto',
    'apps': 'k8s.io/api/apps/v1/generated.proto',
    'autoscaling': 'k8s.io/api/autoscaling/v1/generated.proto',
    'coordination.k8s.io': 'k8s.io/api/coordination/v1/generated.proto',
    'meta.k8s.io': 'k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto',
}
TYPE_META = {'apiVersion', 'kind'}


def messages(path):
    """{message name: {field name: (number, type)}} of the top-level messages of one .proto file."""
    text = open(path, encoding='utf-8').read()
    text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
    text = re.sub(r'//[^\n]*', '', text)
    out, depth, current = {}, 0, None
    for line in text.splitlines():
        line = line.strip()
        m = re.match(r'^message\s+(\w+)\s*\{', line)
        if m and depth == 0:
            current = m.group(1)
            out.setdefault(current, {})
        m = re.match(r'^(?:optional|required|repeated)?\s*(map\s*<[^>]*>|[\w.]+)\s+(\w+)\s*=\s*(\d+)', line)
        if m and depth == 1 and current:
            out[current][m.group(2)] = (int(m.group(3)), m.group(1).split('.')[-1])
        depth += line.count('{') - line.count('}')
    return out


def number_path(known, message, field, json_fields):
    """The field's number, or its path through embedded messages, or None when it is not there."""
    fields = known.get(message, {})
    if field in fields:
        return [fields[field][0]]
    for name, (number, type_name) in fields.items():
        # An embedded struct: a message-typed proto field whose name the JSON does not have.
        if name not in json_fields and type_name in known:
            inner = number_path(known, type_name, field, set())
            if inner:
                return [number] + inner
    return None


def schema_fields(lines):
    """{type name: set of JSON field names} of one schema file."""
    out, current = {}, None
    for line in lines:
        m = re.match(r'^  (\w+):$', line)
        if m:
            current = out.setdefault(m.group(1), set())
        m = re.match(r'^      (\S+): \{', line)
        if m and current is not None:
            current.add(m.group(1))
    return out


def main(proto_dir, schema_dir):
    protos = {g: messages(os.path.join(proto_dir, p)) for g, p in PROTO_FILES.items()}
    missing, updated = [], {}
    for fname in sorted(os.listdir(schema_dir)):
        if not fname.endswith('.yaml'):
            continue
        path = os.path.join(schema_dir, fname)
        lines = open(path, encoding='utf-8').read().split('\n')
        group = next(json_string(l[len('group: '):]) for l in lines if l.startswith('group: '))
        known, type_name, out = protos[group], None, []
        json_fields = schema_fields(lines)
        for line in lines:
            m = re.match(r'^  (\w+):$', line)
            if m:
                type_name = m.group(1)
            m = re.match(r'^(      (\S+): \{type: "[^"]*")(?:, proto: (?:\d+|\[[\d, ]*\]))?(.*)$', line)
            if m and type_name:
                head, field, rest = m.group(1), m.group(2), m.group(3)
                numbers = number_path(known, type_name, field, json_fields[type_name])
                if numbers:
                    number = str(numbers[0]) if len(numbers) == 1 else "[%s]" % ", ".join(map(str, numbers))
                    line = '%s, proto: %s%s' % (head, number, rest)
                else:
                    line = head + rest
                    if field not in TYPE_META:
                        missing.append('%s: %s.%s' % (fname, type_name, field))
            out.append(line)
        updated[path] = '\n'.join(out)
    if missing:
        sys.exit('no protobuf field number for:\n  ' + '\n  '.join(missing))
    for path, text in updated.items():
        open(path, 'w', encoding='utf-8').write(text)
    print('%d schema files updated' % len(updated))


def json_string(s):
    return s.strip().strip('"')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
