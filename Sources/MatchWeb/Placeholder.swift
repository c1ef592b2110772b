import MatchStore
