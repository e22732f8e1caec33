{{/* The silo's `platform silo` arguments: cluster flags, then models and engine flags. */}}
{{- define "platform.siloArgs" -}}
{{- if ne (toString .Values.silo.device) "cpu" -}}
{{- fail (printf "silo.device %q: the engine runs on the CPU only (the binary refuses cuda); keep silo.device=cpu (silo.gpu still schedules silos onto GPU nodes)" (toString .Values.silo.device)) -}}
{{- end -}}
{{- $replicas := toString .Values.silo.engineReplicas -}}
{{- if not (regexMatch "^(auto|[1-9][0-9]*)$" $replicas) -}}
{{- fail (printf "silo.engineReplicas %q: give auto or a positive number" $replicas) -}}
{{- end -}}
{{- if and .Values.autoscaling.enabled (ne $replicas "auto") -}}
{{- fail "autoscaling adds and removes silos, which changes the engine replicas only with silo.engineReplicas=auto (one per silo); set it to auto or turn autoscaling off" -}}
{{- end -}}
{{- if not .Values.models -}}
{{- fail "models: give at least one model (a Hugging Face id ORG/NAME or a path on the model volume)" -}}
{{- end -}}
- silo
- --cluster
- $(PLATFORM_DATABASE_URL)
- --cluster-id
- {{ include "platform.clusterId" . | quote }}
- --kubernetes
- --host
- 0.0.0.0
- --port
- {{ .Values.silo.httpPort | quote }}
- --silo-port
- {{ .Values.cluster.siloPort | quote }}
- --gateway-port
- {{ .Values.cluster.gatewayPort | quote }}
- --drain-timeout
- {{ .Values.cluster.drainTimeoutSeconds | quote }}
- --replicas
- {{ $replicas | quote }}
- --device
- cpu
- --revision
- {{ .Values.hub.revision | quote }}
{{- range .Values.models }}
- --model
- {{ required "each entry of models needs a source" .source | quote }}
{{- end }}
{{- range .Values.models }}
- --served-model-name
- {{ .servedName | default .source | quote }}
{{- end }}
{{- with .Values.silo.kvCacheMemory }}
- --kv-cache-memory
- {{ . | quote }}
{{- end }}
{{- range .Values.silo.extraArgs }}
- {{ . | quote }}
{{- end }}
{{- end -}}

{{/* The silo's environment: its pod for Orleans' Kubernetes hosting, the database URL, the Hub. */}}
{{- define "platform.siloEnv" -}}
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: POD_NAMESPACE
  valueFrom:
    fieldRef:
      fieldPath: metadata.namespace
- name: POD_IP
  valueFrom:
    fieldRef:
      fieldPath: status.podIP
{{ include "platform.databaseEnv" . }}
- name: HF_HOME
  value: {{ .Values.hfCache.mountPath | quote }}
{{- if not .Values.hub.download }}
- name: HF_HUB_OFFLINE
  value: "1"
{{- end }}
{{- with .Values.hub.endpoint }}
- name: HF_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- if .Values.hub.tokenSecret.name }}
- name: HF_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ .Values.hub.tokenSecret.name }}
      key: {{ .Values.hub.tokenSecret.key }}
{{- end }}
{{- end -}}
