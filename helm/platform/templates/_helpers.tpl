{{/* Names, labels and the checks every template shares. */}}

{{- define "platform.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* The Orleans cluster id: a label value too (Orleans' Kubernetes hosting labels silo pods with it). */}}
{{- define "platform.clusterId" -}}
{{- $id := .Values.cluster.id | default (include "platform.fullname" .) -}}
{{- if not (regexMatch "^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$" $id) -}}
{{- fail (printf "cluster.id %q must be a valid label value (letters, digits, -_. ; at most 63)" $id) -}}
{{- end -}}
{{- $id -}}
{{- end -}}

{{/* Selector labels of every pod of the release: the default-deny policy selects by these. */}}
{{- define "platform.releaseSelector" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Selector labels of one component (silo, api, postgresql); call with (list $ "silo"). */}}
{{- define "platform.selector" -}}
{{- $ := index . 0 -}}
{{ include "platform.releaseSelector" $ }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{/* All labels of one component's objects; call with (list $ "silo"). */}}
{{- define "platform.labels" -}}
{{- $ := index . 0 -}}
{{ include "platform.selector" . }}
app.kubernetes.io/version: {{ $.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ $.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" $.Chart.Name $.Chart.Version }}
{{- end -}}

{{- define "platform.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{/* The Secret and key holding the postgres:// URL; fails unless exactly one source is given. */}}
{{- define "platform.databaseSecret" -}}
{{- if and .Values.postgresql.enabled .Values.cluster.database.existingSecret -}}
{{- fail "give either cluster.database.existingSecret (your PostgreSQL) or postgresql.enabled=true (the bundled one), not both" -}}
{{- else if .Values.postgresql.enabled -}}
name: {{ include "platform.fullname" . }}-postgresql
key: url
{{- else if .Values.cluster.database.existingSecret -}}
name: {{ .Values.cluster.database.existingSecret }}
key: {{ .Values.cluster.database.secretKey }}
{{- else -}}
{{- fail "the cluster needs PostgreSQL: set cluster.database.existingSecret to a Secret holding its postgres://user:pass@host:port/db URL (key cluster.database.secretKey), or postgresql.enabled=true to try the chart with a bundled one" -}}
{{- end -}}
{{- end -}}

{{/* Seconds Kubernetes waits after deleting a pod: preStop, the drain, then Orleans leaving membership (the host allows drain + 30 s). */}}
{{- define "platform.terminationGracePeriod" -}}
{{- add .Values.cluster.preStopSleepSeconds .Values.cluster.drainTimeoutSeconds 35 -}}
{{- end -}}

{{/* The restricted Pod Security Standard, for every pod of the chart; call with the uid. */}}
{{- define "platform.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ . }}
runAsGroup: {{ . }}
fsGroup: {{ . }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "platform.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
privileged: false
capabilities:
  drop:
    - ALL
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* The DATABASE URL as an environment variable, expanded into --cluster by Kubernetes. */}}
{{- define "platform.databaseEnv" -}}
- name: PLATFORM_DATABASE_URL
  valueFrom:
    secretKeyRef:
      {{- include "platform.databaseSecret" . | nindent 6 }}
{{- end -}}
