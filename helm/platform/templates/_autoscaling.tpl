{{/* The scale-down and scale-up behaviour the HPA and KEDA share: in fast, out one silo per drain period. */}}
{{- define "platform.scalingBehavior" -}}
scaleUp:
  stabilizationWindowSeconds: 0
  policies:
    - type: Pods
      value: 2
      periodSeconds: 60
scaleDown:
  stabilizationWindowSeconds: {{ .Values.autoscaling.scaleDownStabilizationSeconds }}
  selectPolicy: Min
  policies:
    - type: Pods
      value: 1
      periodSeconds: {{ include "platform.terminationGracePeriod" . }}
{{- end -}}

{{- define "platform.checkAutoscaling" -}}
{{- if not (has .Values.autoscaling.provider (list "hpa" "keda")) -}}
{{- fail (printf "autoscaling.provider %q: give hpa (prometheus-adapter) or keda" .Values.autoscaling.provider) -}}
{{- end -}}
{{- if lt (int .Values.autoscaling.minReplicas) 1 -}}
{{- fail "autoscaling.minReplicas must be at least 1: API nodes need a silo to answer" -}}
{{- end -}}
{{- end -}}

{{/* The custom metric's name as prometheus-adapter serves it (the custom metrics API takes no colon). */}}
{{- define "platform.queueMetric" -}}vllm_num_requests_waiting{{- end -}}
