{{/* Egress rules silos and API nodes share: DNS, and the cluster's PostgreSQL (bundled pods, or the given peers). */}}
{{- define "platform.commonEgress" -}}
- to:
    {{- toYaml .Values.networkPolicy.dns | nindent 4 }}
  ports:
    - protocol: UDP
      port: 53
    - protocol: TCP
      port: 53
{{- if .Values.postgresql.enabled }}
- to:
    - podSelector:
        matchLabels:
          {{- include "platform.selector" (list . "postgresql") | nindent 10 }}
  ports:
    - protocol: TCP
      port: {{ .Values.postgresql.port }}
{{- else }}
- ports:
    - protocol: TCP
      port: {{ .Values.networkPolicy.databasePort }}
  {{- with .Values.networkPolicy.database }}
  to:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
{{- end -}}
