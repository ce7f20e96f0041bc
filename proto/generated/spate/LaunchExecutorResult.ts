// Original file: proto/spate.proto


export interface LaunchExecutorResult {
}

export interface LaunchExecutorResult__Output {
}
