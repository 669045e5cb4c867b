# bash completion for ingestctl. Load it with:
#   source <(ingestctl completion bash)
# or save it as ~/.local/share/bash-completion/completions/ingestctl.
_ingestctl() {
    # Split the line ourselves: bash breaks words at ':', which would cut an address like 127.0.0.1:9110 apart.
    local line="${COMP_LINE:0:COMP_POINT}" cur=""
    local -a words
    read -ra words <<< "$line"
    if [[ $line != *[[:space:]] && ${#words[@]} -gt 0 ]]; then
        cur="${words[${#words[@]}-1]}"
        unset 'words[${#words[@]}-1]'
    fi
    local -a args=("${words[@]:1}")
    # An address given first (host:port or a URL) is not a verb.
    if [[ ${#args[@]} -gt 0 && ${args[0]} == *:* ]]; then
        args=("${args[@]:1}")
    fi

    local common="--url --token --json --timeout --help"
    local candidates
    case "${#args[@]}" in
        0) candidates="actor pipeline log domain config cluster cluster-sharding health completion --help --version" ;;
        1)
            case "${args[0]}" in
                actor) candidates="hierarchy system" ;;
                pipeline) candidates="stats" ;;
                log) candidates="peek level" ;;
                domain | config) candidates="show" ;;
                cluster) candidates="show tail down leave join" ;;
                cluster-sharding) candidates="region-stats" ;;
                completion) candidates="bash zsh" ;;
                health) candidates="$common" ;;
            esac
            ;;
        *)
            case "${args[0]} ${args[1]}" in
                "actor hierarchy")
                    case "${args[${#args[@]}-1]}" in
                        -s | --start) candidates="/user /user/writers /system" ;;
                        -d | --depth) candidates="1 2 3 4 8 16" ;;
                        *) candidates="-d --depth -s --start --flat --tree $common" ;;
                    esac
                    ;;
                "pipeline stats") candidates="-w --watch -i --interval $common" ;;
                "log peek") candidates="-n --lines $common" ;;
                "log level") candidates="Verbose Debug Information Warning Error Fatal $common" ;;
                "completion "*) candidates="" ;;
                *) candidates="$common" ;;
            esac
            ;;
    esac
    COMPREPLY=($(compgen -W "$candidates" -- "$cur"))
}
complete -F _ingestctl ingestctl
