#!/usr/bin/env python3
"""Record the protobuf request bodies kubectl sends for its typed `create` commands.

Starts a loopback stand-in API server that answers kubectl's discovery (legacy /api and /apis
documents only) and stores each POST body, runs the commands against it, and writes
create-<kind>.pb (the body) and create-<kind>.json (what the same command prints with
--dry-run=client -o json) into this directory. The test fixtures beside this script were made
with kubectl 1.33:

    python3 record-kubectl-bodies.py /usr/lib/google-cloud-sdk/bin/kubectl.1.33
"""
import json
import os
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
COMMANDS = {
    'namespace': ['create', 'namespace', 'demo'],
    'configmap': ['create', 'configmap', 'cm', '--from-literal=a=b'],
    'secret': ['create', 'secret', 'generic', 's', '--from-literal=k=v'],
    'service': ['create', 'service', 'clusterip', 'svc', '--tcp=80:8080'],
    'deployment': ['create', 'deployment', 'd', '--image=nginx'],
}
# plural -> (apiVersion, kind, fixture name)
RESOURCES = {'namespaces': ('v1', 'Namespace', 'namespace'), 'configmaps': ('v1', 'ConfigMap', 'configmap'),
             'secrets': ('v1', 'Secret', 'secret'), 'services': ('v1', 'Service', 'service'),
             'deployments': ('apps/v1', 'Deployment', 'deployment')}


def resource(plural, namespaced):
    return {'name': plural, 'singularName': plural[:-1], 'namespaced': namespaced, 'kind': RESOURCES[plural][1],
            'verbs': ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']}


DOCUMENTS = {
    '/version': {'major': '1', 'minor': '33', 'gitVersion': 'v1.33.0', 'gitCommit': '', 'gitTreeState': 'clean',
                 'buildDate': '2025-01-01T00:00:00Z', 'goVersion': 'go1.24', 'compiler': 'gc',
                 'platform': 'linux/amd64'},
    '/api': {'kind': 'APIVersions', 'versions': ['v1'], 'serverAddressByClientCIDRs': []},
    '/apis': {'kind': 'APIGroupList', 'apiVersion': 'v1', 'groups': [
        {'name': 'apps', 'versions': [{'groupVersion': 'apps/v1', 'version': 'v1'}],
         'preferredVersion': {'groupVersion': 'apps/v1', 'version': 'v1'}}]},
    '/api/v1': {'kind': 'APIResourceList', 'groupVersion': 'v1', 'resources': [
        resource('namespaces', False), resource('configmaps', True), resource('secrets', True),
        resource('services', True)]},
    '/apis/apps/v1': {'kind': 'APIResourceList', 'groupVersion': 'apps/v1',
                      'resources': [resource('deployments', True)]},
}


class StandIn(BaseHTTPRequestHandler):
    def answer(self, code, document):
        body = json.dumps(document).encode()
        self.send_response(code)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path.split('?')[0].rstrip('/')
        if path in DOCUMENTS:
            self.answer(200, DOCUMENTS[path])
        else:
            self.answer(404, {'kind': 'Status', 'apiVersion': 'v1', 'status': 'Failure', 'reason': 'NotFound',
                              'code': 404})

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get('Content-Length', '0')))
        api_version, kind, name = RESOURCES[self.path.split('?')[0].rstrip('/').split('/')[-1]]
        with open(os.path.join(HERE, 'create-%s.pb' % name), 'wb') as f:
            f.write(body)
        self.answer(201, {'kind': kind, 'apiVersion': api_version, 'metadata': {'name': 'recorded'}})

    def log_message(self, *args):
        pass


def main(kubectl):
    server = HTTPServer(('127.0.0.1', 0), StandIn)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory() as tmp:
        config = os.path.join(tmp, 'kubeconfig')
        with open(config, 'w') as f:
            f.write('apiVersion: v1\nkind: Config\n'
                    'clusters: [{name: c, cluster: {server: "http://127.0.0.1:%d"}}]\n'
                    'users: [{name: u, user: {}}]\n'
                    'contexts: [{name: x, context: {cluster: c, user: u, namespace: default}}]\n'
                    'current-context: x\n' % server.server_port)
        flags = ['--kubeconfig', config, '--cache-dir', os.path.join(tmp, 'cache')]
        for name, command in COMMANDS.items():
            subprocess.run([kubectl] + flags + command, check=True)
            printed = subprocess.run([kubectl] + flags + command + ['--dry-run=client', '-o', 'json'],
                                     check=True, capture_output=True).stdout
            with open(os.path.join(HERE, 'create-%s.json' % name), 'wb') as f:
                f.write(printed)
    server.shutdown()


if __name__ == '__main__':
    main(sys.argv[1])
