// Original file: proto/spate.proto


export interface HelloParams {
}

export interface HelloParams__Output {
}
